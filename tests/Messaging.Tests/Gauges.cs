using System.Diagnostics.Metrics;

namespace Platform.Messaging.Tests;

/// <summary>
/// Reads the platform's own instruments as an exporter would: a <see cref="MeterListener"/> that asks the
/// observable ones for their current values. What the alerts of docs/operations.md are written against.
/// </summary>
internal static class Gauges
{
    /// <summary>The instrument's current measurements, keyed by the values of <paramref name="tags"/> joined with '/'.</summary>
    public static IReadOnlyDictionary<string, double> Read(string meter, string instrument, params string[] tags)
    {
        var values = new Dictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == meter && i.Name == instrument) l.EnableMeasurementEvents(i);
            },
        };
        void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> measured)
        {
            var found = new string?[tags.Length];
            foreach (var t in measured)
                if (Array.IndexOf(tags, t.Key) is var i and >= 0) found[i] = t.Value?.ToString();
            if (found.All(f => f is not null)) lock (values) values[string.Join('/', found)] = value;
        }
        listener.SetMeasurementEventCallback<double>((_, v, tags, _) => Record(v, tags));
        listener.SetMeasurementEventCallback<long>((_, v, tags, _) => Record(v, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
