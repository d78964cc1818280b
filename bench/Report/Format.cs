using System.Globalization;

namespace Platform.Bench.Report;

internal static class Format
{
    public static string N(double value, int decimals = 0) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    public static string Ms(double value) => value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    public static string Ratio(double value) => double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    public static string Percentiles(LoadDriver.Percentiles p) => $"p50 {Ms(p.P50)} · p95 {Ms(p.P95)} · p99 {Ms(p.P99)} · max {Ms(p.Max)}";

    public static string MiB(double value) => value.ToString("0", CultureInfo.InvariantCulture) + " MiB";
}
