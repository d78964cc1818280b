using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Platform.ConsentReplica;
using Platform.Handover.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.Privacy;
using Platform.TestInfrastructure;

namespace Platform.Handover.Tests;

/// <summary>
/// #24 point 6: the free text of the onderwijskundig rapport, the parents' view and the reason an advice was not raised never
/// reach an event, an access-log line, a log line or a URL; the service logs at Debug here, so EF Core's commands are logged too.
/// </summary>
public sealed class SchoolReportsPrivacyTests(TestServersFixture fixture) : ServiceTestBase<Program, HandoverDbContext>(fixture)
{
    private const string Sender = "school-bs-de-linde", Receiver = "school-vo-college-parkstad";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 1, 20, 9, 0, 0, TimeSpan.Zero));
    private readonly CapturedLogs _logs = new();

    protected override ServiceSetup Setup => new()
    {
        Clock = _clock,
        Settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug", ["Logging:LogLevel:Microsoft"] = "Debug" },
        Services = services => services.AddSingleton<ILoggerProvider>(_logs),
    };

    [Fact]
    public async Task Section_text_never_reaches_events_logs_or_urls()
    {
        var bsn = NewBsn();
        Bsn.TryParse(bsn, out var parsed);
        await InDbAsync(db =>
        {
            db.Set<ConsentCopy>().Add(new ConsentCopy
            {
                ConsentId = Guid.NewGuid(), CaseId = Guid.NewGuid(), ChildReference = Service.Services.GetRequiredService<ChildReferences>().For(parsed),
                Organisations = [Sender, Receiver], Purposes = ["handover"], GrantedAt = _clock.GetUtcNow(),
            });
            return db.SaveChangesAsync(Ct);
        });
        var sender = As(Sender, "school");
        var started = await sender.PostAsJsonAsync("/api/handover/handovers", new
        {
            child = new { bsn, givenName = "Fenna", familyName = "Coenen", dateOfBirth = "2014-08-08" },
            switchMoment = "primary-to-secondary", receivingOrganisationId = Receiver, dueOn = "2027-08-20",
            dossier = new { educationalNeeds = "Small steps.", supportNeeds = "Fixed mentor.", whatWorks = "A visual day plan." },
        }, Ct);
        var id = (await ReadAsync(started, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var url = $"/api/handover/handovers/{id}";

        Assert.Equal(HttpStatusCode.OK, (await sender.PutAsJsonAsync($"{url}/onderwijskundig-rapport", new
        {
            administrativeData = "SECRET-admin", results = "SECRET-results", supportGiven = "SECRET-support", socialEmotionalDevelopment = "SECRET-social",
            workAttitude = "SECRET-work", schoolAdvice = "SECRET-advice", testResult = "SECRET-test",
        }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sender.PostAsJsonAsync($"{url}/onderwijskundig-rapport/parents-copy", new { givenOn = "2027-01-20" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sender.PostAsJsonAsync($"{url}/onderwijskundig-rapport/parents-seen", new { seenOn = "2027-01-20", view = "SECRET-parents" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sender.PostAsJsonAsync($"{url}/school-advice/provisional", new { level = "vmbo-gt", givenOn = "2027-01-20" }, Ct)).StatusCode);
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 20, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await sender.PostAsJsonAsync($"{url}/school-advice/doorstroomtoets", new { level = "havo", takenOn = "2027-02-10" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sender.PostAsJsonAsync($"{url}/school-advice/final", new { level = "vmbo-gt", givenOn = "2027-03-20", notRaisedReason = "SECRET-reason" }, Ct)).StatusCode);
        // A refused section: its name is answered, its text nowhere.
        Assert.Equal(HttpStatusCode.Conflict, (await sender.PutAsJsonAsync($"{url}/onderwijskundig-rapport", new { administrativeData = "SECRET-late" }, Ct)).StatusCode);
        Assert.Contains("SECRET-parents", await sender.GetStringAsync(url, Ct)); // the sender reads it back: it was stored

        var outbox = await InDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync(Ct));
        Assert.Contains(outbox, m => m.MessageType.EndsWith("SchoolAdviceGiven", StringComparison.Ordinal));
        Assert.Contains(outbox, m => m.MessageType.EndsWith("AuditRecorded", StringComparison.Ordinal));
        Assert.DoesNotContain(outbox, m => m.Body.Contains("SECRET", StringComparison.Ordinal));
        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, line => line.Contains("SECRET", StringComparison.Ordinal));
    }

    private static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString();
            if (Bsn.TryParse(digits, out _)) return digits;
        }
    }

    /// <summary>Every log line the service writes, with its exception and scopes' values flattened into the text.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category} {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
