using Platform.ServiceDefaults;
using Platform.AppHost;
using Platform.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and RabbitMQ: Aspire's containers where a container runtime runs, otherwise local
// processes from the Debian packages. The services see the same names either way.
var infrastructure = PlatformInfrastructure.Add(builder);
var childReferenceKey = builder.AddParameter("child-reference-key", secret: true);
var portalClientSecret = builder.AddParameter("portal-client-secret", secret: true);

var identity = builder.AddProject<Projects.Identity>(ResourceNames.Identity)
    .WithDatabase(infrastructure, ResourceNames.IdentityDb)
    .WithHttpHealthCheck("/health");

// The region's directory: every service keeps a copy, from the snapshots it publishes.
var directory = builder.AddProject<Projects.Directory>(ResourceNames.Directory)
    .WithDatabase(infrastructure, ResourceNames.DirectoryDb)
    .WithMessaging(infrastructure)
    .WithTokenValidation(identity);

// The access log (NEN 7513), in a database of its own, apart from the data it describes.
var audit = builder.AddProject<Projects.Audit>(ResourceNames.Audit)
    .WithDatabase(infrastructure, ResourceNames.AuditDb)
    .WithMessaging(infrastructure)
    .WithEnvironment("Privacy__ChildReferenceKey", childReferenceKey)
    .WithTokenValidation(identity);

var monitoring = builder.AddProject<Projects.Monitoring>(ResourceNames.Monitoring)
    .WithDatabase(infrastructure, ResourceNames.MonitoringDb)
    .WithMessaging(infrastructure)
    .WithTokenValidation(identity);

var intake = builder.AddProject<Projects.Intake>(ResourceNames.Intake)
    .WithDatabase(infrastructure, ResourceNames.IntakeDb)
    .WithMessaging(infrastructure)
    .WithEnvironment("Privacy__ChildReferenceKey", childReferenceKey)
    .WithTokenValidation(identity);

var attendance = builder.AddProject<Projects.Attendance>(ResourceNames.Attendance)
    .WithDatabase(infrastructure, ResourceNames.AttendanceDb)
    .WithMessaging(infrastructure)
    .WithEnvironment("Privacy__ChildReferenceKey", childReferenceKey)
    .WithTokenValidation(identity);

var handover = builder.AddProject<Projects.Handover>(ResourceNames.Handover)
    .WithDatabase(infrastructure, ResourceNames.HandoverDb)
    .WithMessaging(infrastructure)
    .WithEnvironment("Privacy__ChildReferenceKey", childReferenceKey)
    .WithTokenValidation(identity);

// Funding holds no BSN, so it gets no child-reference key: the SWV side cannot even compute one.
var funding = builder.AddProject<Projects.Funding>(ResourceNames.Funding)
    .WithDatabase(infrastructure, ResourceNames.FundingDb)
    .WithMessaging(infrastructure)
    .WithTokenValidation(identity);

// Integrators' subscriptions: notifications point at resources behind the gateway.
var subscriptions = builder.AddProject<Projects.Subscriptions>(ResourceNames.Subscriptions)
    .WithDatabase(infrastructure, ResourceNames.SubscriptionsDb)
    .WithMessaging(infrastructure)
    .WithTokenValidation(identity);

// The shared workflow in a browser: people sign in at Identity and act through the gateway's APIs.
var portal = builder.AddProject<Projects.Portal>(ResourceNames.Portal)
    .WithEnvironment("Portal__ClientSecret", portalClientSecret)
    .WithHttpHealthCheck("/health");

// The gateway opens only when every service is healthy, and a service is healthy only once its
// consumers' queues are bound: so no request's event can reach a fresh broker before the queues
// that should receive it exist (RabbitMQ drops a message no queue is bound for).
var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
    .WithExternalHttpEndpoints()
    .WithTokenValidation(identity)
    .WithReference(intake).WaitFor(intake)
    .WithReference(monitoring).WaitFor(monitoring)
    .WithReference(attendance).WaitFor(attendance)
    .WithReference(handover).WaitFor(handover)
    .WithReference(funding).WaitFor(funding)
    .WithReference(subscriptions).WaitFor(subscriptions)
    .WithReference(directory).WaitFor(directory)
    .WithReference(audit).WaitFor(audit)
    .WithReference(portal).WaitFor(portal);

// Tokens name the gateway as their issuer: it is the only address integrators know.
identity.WithEnvironment("Identity__Issuer", gateway.GetEndpoint("http"));
subscriptions.WithEnvironment("Subscriptions__Delivery__PublicBaseUrl", gateway.GetEndpoint("http"));
// The portal finds Identity and the APIs where the browser does: at the gateway.
portal.WithEnvironment("Portal__Authority", gateway.GetEndpoint("http"))
    .WithEnvironment("Portal__Gateway", gateway.GetEndpoint("http"));
identity.WithEnvironment("Identity__Portal__BaseUrl", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/portal"))
    .WithEnvironment("Identity__Portal__ClientSecret", portalClientSecret);

builder.Build().Run();
