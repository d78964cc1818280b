using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.LocalServers;

/// <summary>One service's broker user and its three permission regexes (RabbitMQ: configure, write, read).</summary>
public sealed record BrokerUser(string Name, string Configure, string Write, string Read);

/// <summary>
/// Who may do what on the broker (#25 point 8): one RabbitMQ user per service, named after the
/// service (its queues' prefix and its access-log name), allowed to
/// <list type="bullet">
/// <item>write only to its own exchanges: the events of its own contracts' namespace
/// (<c>Platform.Contracts.Intake:*</c> for Intake), the access-log line every child-data service sends
/// (<c>AuditRecorded</c>), the directory request every service with a copy sends, and its own queues'
/// exchanges (<c>intake-*</c>);</item>
/// <item>read only its own queues (<c>intake-*</c>), and bind them only to the exchanges of the events it consumes;</item>
/// <item>declare (configure) only those: its queues, the exchanges it publishes to and those it consumes from.</item>
/// </list>
/// MassTransit names an event's exchange <c>Namespace:Type</c> and a consumer's queue (and the exchange in
/// front of it) after the service and the consumer. The AppHost's local broker, the tests that cross
/// services and the Kubernetes manifests (<c>deploy/base/platform/messaging-users.yaml</c>, checked by
/// Deploy.Tests) all use this table. A consumer added to a service needs its event here (Messaging.Tests
/// compares this table with <c>docs/asyncapi/events.json</c>, which the end-to-end suite takes from the broker).
/// </summary>
public static class BrokerAccess
{
    private const string Contracts = "Platform.Contracts";
    private const string AuditRecorded = $"{Contracts}.Audit:AuditRecorded";
    private const string SnapshotRequested = $"{Contracts}.Directory:DirectorySnapshotRequested";
    /// <summary>The three services that hold records of a child by onderwijsnummer or platform id link them to the BSN (ADR-0015).</summary>
    private const string ChildIdentifiersLinked = $"{Contracts}.Children:ChildIdentifiersLinked";

    /// <summary>The event exchanges each service consumes from (its queues are bound to them).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Consumes = new Dictionary<string, IReadOnlyList<string>>
    {
        // Identity keeps a copy of the directory: the organisations the clients are tied to.
        ["identity"] = Events("Directory:DirectoryPublished"),
        ["intake"] = Events("Directory:DirectoryPublished", "Funding:PlacementConfirmed", "Handover:HandoverCompleted", "Children:ChildIdentifiersLinked"),
        ["funding"] = Events("Directory:DirectoryPublished", "Intake:ArrangementRequested", "Intake:CaseErased", "Intake:CaseOpened",
            "Intake:ConsentGranted", "Intake:ConsentWithdrawn", "Handover:HandoverCompleted"),
        ["attendance"] = Events("Directory:DirectoryPublished", "Funding:PlacementConfirmed", "Funding:PlacementEnded", "Handover:HandoverCompleted",
            "Children:ChildIdentifiersLinked"),
        ["handover"] = Events("Directory:DirectoryPublished", "Intake:CaseErased", "Intake:CaseOpened", "Intake:ConsentGranted",
            "Intake:ConsentWithdrawn", "Funding:PlacementConfirmed", "Funding:PlacementEnded", "Funding:TlvDecided", "Funding:TlvEnded",
            "Children:ChildIdentifiersLinked"),
        ["monitoring"] = Events("Directory:DirectoryPublished", "Intake:ReferralSubmitted", "Intake:CaseOpened", "Intake:KnooppuntHeld",
            "Intake:KnooppuntOverdue", "Attendance:ThuiszitterRegistered", "Attendance:ThuiszitterResolved", "Attendance:ThuiszitterEscalated",
            "Attendance:ExemptionGranted", "Attendance:ExemptionEnded", "Funding:PlacementConfirmed", "Funding:PlacementEnded",
            "Funding:ArrangementActivated", "Funding:IndividualArrangementProposed", "Funding:ArrangementEnded", "Funding:ArrangementEscalated",
            "Funding:EscalationDecided", "Handover:HandoverCompleted", "Funding:TlvRequested", "Funding:TlvDecided",
            "Funding:TlvDecisionOverdue", "Funding:TlvEnded", "Attendance:AbsenceReported", "Attendance:AbsenceReportFinished",
            "Attendance:OnderwijsconsulentEngaged", "Funding:ZorgplichtApplicationRegistered", "Funding:ZorgplichtTermExtended",
            "Funding:ZorgplichtTermExceeded", "Funding:ZorgplichtTemporarilyPlaced", "Funding:ZorgplichtDecided", "Funding:OppRequired",
            "Funding:OppEstablished", "Funding:OppEvaluated", "Funding:OppOverdue", "Funding:TlvObjectionFiled", "Funding:TlvObjectionDecided",
            "Funding:TlvRenewalChosen", "Funding:DisputeFiled", "Funding:DisputeConcluded", "Funding:DisputeTermPassed",
            "Handover:HandoverStarted", "Handover:SchoolAdviceGiven"),
        ["subscriptions"] = Events("Attendance:ThuiszitterRegistered", "Attendance:ThuiszitterPlanDue", "Attendance:ThuiszitterEscalated",
            "Attendance:ThuiszitterResolved", "Funding:ArrangementProposed", "Funding:ArrangementEscalated", "Handover:HandoverStarted",
            "Handover:HandoverOverdue", "Handover:HandoverCompleted", "Intake:CaseOpened", "Intake:ReferralLinkedToCase",
            "Intake:CoordinatorReassigned", "Intake:KnooppuntScheduled", "Intake:PlanAgreed"),
        ["directory"] = Events("Directory:DirectorySnapshotRequested", "Funding:ArrangementActivated", "Funding:ArrangementEnded"),
        ["audit"] = Events("Directory:DirectoryPublished", "Audit:AuditRecorded"),
    };

    /// <summary>The exchanges each service may write to, as regex alternatives (besides its own queues' exchanges).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Publishes = new Dictionary<string, IReadOnlyList<string>>
    {
        // Each owns its contracts' namespace; the child-data services send access-log lines; a service with
        // a copy of the directory asks for one (DirectorySnapshotRequested).
        // Identity's access-log lines are the region's office's changes to clients.
        ["identity"] = [Regex.Escape(AuditRecorded), Regex.Escape(SnapshotRequested)],
        ["intake"] = [Namespace("Intake"), Regex.Escape(AuditRecorded), Regex.Escape(SnapshotRequested), Regex.Escape(ChildIdentifiersLinked)],
        ["funding"] = [Namespace("Funding"), Regex.Escape(AuditRecorded), Regex.Escape(SnapshotRequested)],
        ["attendance"] = [Namespace("Attendance"), Regex.Escape(AuditRecorded), Regex.Escape(SnapshotRequested), Regex.Escape(ChildIdentifiersLinked)],
        ["handover"] = [Namespace("Handover"), Regex.Escape(AuditRecorded), Regex.Escape(SnapshotRequested), Regex.Escape(ChildIdentifiersLinked)],
        ["monitoring"] = [Regex.Escape(SnapshotRequested)],
        ["subscriptions"] = [],
        ["directory"] = [Regex.Escape($"{Contracts}.Directory:DirectoryPublished")],
        ["audit"] = [Regex.Escape(SnapshotRequested)],
    };

    /// <summary>The services with a broker user, in the order the AppHost starts them.</summary>
    public static IReadOnlyList<string> Services { get; } = [.. Consumes.Keys];

    /// <summary>The user of <paramref name="service"/> with its permission regexes.</summary>
    public static BrokerUser For(string service)
    {
        if (!Consumes.TryGetValue(service, out var consumed)) throw new ArgumentException($"'{service}' has no broker user.", nameof(service));
        var own = $"{Regex.Escape(service)}-.*";
        string[] published = [.. Publishes[service]];
        string[] bound = [.. consumed.Select(Regex.Escape)];
        return new BrokerUser(service,
            Configure: AnyOf([own, .. published, .. bound]),
            Write: AnyOf([own, .. published]),
            Read: AnyOf([own, .. bound]));
    }

    /// <summary>
    /// Creates (or updates) every service's user with its password and sets its permissions on
    /// <paramref name="virtualHost"/>, through the management API as an administrator. The
    /// administrator gets the <c>impersonator</c> tag: the operator's error-queue replay gives a message
    /// back the user-id of the service that published it.
    /// </summary>
    public static async Task ProvisionAsync(Uri management, string adminUser, string adminPassword, string virtualHost,
        IReadOnlyDictionary<string, string> passwords, CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{adminUser}:{adminPassword}")));
        var vhost = Uri.EscapeDataString(virtualHost);
        await PutUserAsync(http, adminUser, new { password = adminPassword, tags = "administrator,impersonator" }, ct);
        foreach (var (service, password) in passwords)
        {
            var user = For(service);
            await PutUserAsync(http, user.Name, new { password, tags = "" }, ct);
            await Ok(await http.PutAsJsonAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(user.Name)}",
                new { configure = user.Configure, write = user.Write, read = user.Read }, ct));
        }
    }

    /// <summary>
    /// Creates or updates a user. Users are the broker's, not a virtual host's: two provisionings at once (test classes on
    /// one broker) may both try to create the same user, and RabbitMQ answers the loser <c>400 user_already_exists</c>
    /// instead of updating. The user exists by then: asked again, the PUT updates it.
    /// </summary>
    private static async Task PutUserAsync(HttpClient http, string user, object body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PutAsJsonAsync($"api/users/{Uri.EscapeDataString(user)}", body, ct);
            if (attempt < 3 && response.StatusCode == System.Net.HttpStatusCode.BadRequest
                && (await response.Content.ReadAsStringAsync(ct)).Contains("user_already_exists", StringComparison.Ordinal))
                continue;
            await Ok(response);
            return;
        }
    }

    /// <summary>A new random password for each service.</summary>
    public static Dictionary<string, string> NewPasswords() =>
        Services.ToDictionary(s => s, _ => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    private static async Task Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The broker's management API refused {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string[] Events(params string[] names) => [.. names.Select(n => $"{Contracts}.{n}")];

    private static string Namespace(string area) => $"{Regex.Escape($"{Contracts}.{area}")}:.*";

    private static string AnyOf(IEnumerable<string> alternatives) => $"^({string.Join('|', alternatives)})$";
}
