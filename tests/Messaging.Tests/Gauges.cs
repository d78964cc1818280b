using System.Diagnostics.Metrics;

namespace Platform.Messaging.Tests;

/// <summary>
/// Reads the platform's own instruments as an exporter would: a <see cref="MeterListener"/> that asks the
/// observable ones for their current values. What the alerts of docs/operations.md are written against.
/// </summary>
internal static class Gauges
{
    /// <summary>The instrument's current measurements, keyed by the value of <paramref name="tag"/>.</summary>
    public static IReadOnlyDictionary<string, double> Read(string meter, string instrument, string tag)
    {
        var values = new Dictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == meter && i.Name == instrument) l.EnableMeasurementEvents(i);
            },
        };
        void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var t in tags)
                if (t.Key == tag) lock (values) values[t.Value?.ToString() ?? ""] = value;
        }
        listener.SetMeasurementEventCallback<double>((_, v, tags, _) => Record(v, tags));
        listener.SetMeasurementEventCallback<long>((_, v, tags, _) => Record(v, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
