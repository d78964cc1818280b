using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.EndToEnd.Tests.Onboarding;
using Platform.LocalServers;
using Platform.PlatformAdmin;
using Platform.ServiceDefaults;

namespace Platform.EndToEnd.Tests.Regions;

/// <summary>
/// A second platform, for a region that is not the demo one: Zeeuws-Vlaanderen. The same AppHost, started with nothing
/// but the region's settings (AppHost/RegionSettings.cs: its id and name, holiday region, RMC contact municipality,
/// escalation table, and the office's first client with the public key the office made): an empty directory, no demo
/// clients, no demo people. Everything else about the region is entered by the test as the region's office would,
/// through the Directory's and Identity's APIs (<see cref="SecondRegionTests"/>).
/// </summary>
public sealed class SecondRegionPlatform : IAsyncLifetime
{
    public const string Region = "zeeuws-vlaanderen";
    public const string Office = "regio-zeeuws-vlaanderen";
    private readonly string _data = ScratchSpace.NewFolder("platform-second-region-");
    private DistributedApplication? _app;
    private ConsoleLogs? _logs;

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The office's own key pair, made before the platform starts: the public half is in its configuration.</summary>
    public KeyPairs.Written OfficeKeys { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        OfficeKeys = KeyPairs.Create(Path.Combine(_data, Office));
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"Platform:LocalInfrastructure:DataDirectory={Path.Combine(_data, "servers")}",
            "Platform:LocalInfrastructure:Durability=Throwaway",
            "Platform:LocalInfrastructure:Instance=second-region",
            "DcpPublisher:RandomizePorts=true",
            "Platform:Infrastructure=local",
            $"Region:Id={Region}",
            "Region:Name=Zeeuws-Vlaanderen",
            "Region:HolidayRegion=zuid",
            "Region:RmcContactMunicipality=GM0715",
            "Region:EscalationTableId=escalatietafel-zeeuws-vlaanderen",
            $"Region:Office:ClientId={Office}",
            $"Region:Office:OrganisationId={Office}",
            "Region:Office:OrganisationName=Regiobureau Zeeuws-Vlaanderen",
            $"Region:Office:JwksFile={OfficeKeys.JwksFile}",
            "Region:Office:Roles:0=directory-admin",
            "Region:Office:Roles:1=client-admin",
        ]);
        var projects = appHost.Resources.OfType<ProjectResource>().ToList();
        foreach (var endpoint in projects.SelectMany(p => p.Annotations.OfType<EndpointAnnotation>()))
        {
            endpoint.IsProxied = false;
            endpoint.Port = null;
            endpoint.TargetPort = null;
        }
        foreach (var project in projects)
            project.Annotations.Add(new EnvironmentCallbackAnnotation(env => env.EnvironmentVariables["DOTNET_gcServer"] = "0"));
        projects.Single(p => p.Name == ResourceNames.Gateway).Annotations.Add(new EnvironmentCallbackAnnotation(env =>
            env.EnvironmentVariables["Gateway__Limits__TokenRequestsPerMinute"] = "600"));
        // The deadline watcher looks every few seconds, so that a thuiszitter past the limit escalates within the test.
        projects.Single(p => p.Name == ResourceNames.Attendance).Annotations.Add(new EnvironmentCallbackAnnotation(env =>
            env.EnvironmentVariables["Attendance__DeadlineCheckInterval"] = "00:00:03"));
        _app = await appHost.BuildAsync();
        _logs = ConsoleLogs.Follow(_app, Path.Combine(PlatformFixture.LogDirectory(), "second-region"));

        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await _app.StartAsync(startup.Token);
        await _app.ResourceNotifications.WaitForResourceAsync(ResourceNames.Gateway, KnownResourceStates.Running, startup.Token);
        Gateway = _app.CreateHttpClient(ResourceNames.Gateway, "http");
        Gateway.Timeout = TimeSpan.FromSeconds(30);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (_logs is not null) await _logs.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
