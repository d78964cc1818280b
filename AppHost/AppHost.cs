using Platform.AppHost;
using Platform.AppHost.Infrastructure;
using Platform.ServiceDefaults;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and RabbitMQ: Aspire's containers where a container runtime runs, otherwise local
// processes from the Debian packages. The services see the same names either way.
var infrastructure = PlatformInfrastructure.Add(builder);
var childReferenceKey = builder.AddParameter("child-reference-key", secret: true);
var portalClientSecret = builder.AddParameter("portal-client-secret", secret: true);

// Identity keeps a copy of the directory (the organisations its clients are tied to) and sends the access log the
// region's office's changes to clients: it is on the broker like the API services.
var identity = builder.AddProject<Projects.Identity>(ResourceNames.Identity)
    .WithDatabase(infrastructure, ResourceNames.IdentityDb)
    .WithMessaging(infrastructure)
    .WithHttpHealthCheck("/health");

// The region's directory: every service keeps a copy, from the snapshots it publishes.
var directory = builder.AddApiService<Projects.Directory>(ResourceNames.Directory, ResourceNames.DirectoryDb, infrastructure, identity);

// The access log (NEN 7513), in a database of its own, apart from the data it describes; the service
// runs as an insert-only role, its chain is keyed and anchored in a folder outside the database.
var audit = builder.AddAuditService<Projects.Audit>(infrastructure, identity)
    .WithChildReferenceKey(childReferenceKey);

var monitoring = builder.AddApiService<Projects.Monitoring>(ResourceNames.Monitoring, ResourceNames.MonitoringDb, infrastructure, identity);

var intake = builder.AddApiService<Projects.Intake>(ResourceNames.Intake, ResourceNames.IntakeDb, infrastructure, identity)
    .WithChildReferenceKey(childReferenceKey);

var attendance = builder.AddApiService<Projects.Attendance>(ResourceNames.Attendance, ResourceNames.AttendanceDb, infrastructure, identity)
    .WithChildReferenceKey(childReferenceKey);

var handover = builder.AddApiService<Projects.Handover>(ResourceNames.Handover, ResourceNames.HandoverDb, infrastructure, identity)
    .WithChildReferenceKey(childReferenceKey);

// Funding holds no BSN, so it gets no child-reference key: the SWV side cannot even compute one.
var funding = builder.AddApiService<Projects.Funding>(ResourceNames.Funding, ResourceNames.FundingDb, infrastructure, identity);

// Integrators' subscriptions: notifications point at resources behind the gateway.
var subscriptions = builder.AddApiService<Projects.Subscriptions>(ResourceNames.Subscriptions, ResourceNames.SubscriptionsDb, infrastructure, identity);

// The shared workflow in a browser: people sign in at Identity and act through the gateway's APIs.
var portal = builder.AddProject<Projects.Portal>(ResourceNames.Portal)
    .WithDatabase(infrastructure, ResourceNames.PortalDb)
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

// A region other than the demo one: its settings forwarded to the services that hold them (RegionSettings.cs).
RegionSettings.Apply(builder.Configuration, identity, directory, attendance, funding);

// Prometheus with the cluster's alert rules, scraping every service (local processes only; #28).
if (infrastructure.RunsLocalProcesses)
    LocalPrometheus.Add(builder, infrastructure, readyWhen: gateway,
        identity, directory, audit, monitoring, intake, attendance, handover, funding, subscriptions, portal, gateway);

builder.Build().Run();
