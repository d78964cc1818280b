namespace Platform.Bench.Measure;

/// <summary>The platform's processes, grouped the way the report shows them.</summary>
public sealed class PlatformProcesses(IReadOnlyDictionary<string, ProcessTree> byResource)
{
    public IReadOnlyDictionary<string, ProcessTree> ByResource { get; } = byResource;

    /// <summary>Every process of the platform (services, gateway, Identity, PostgreSQL, RabbitMQ), as one tree.</summary>
    public ProcessTree All { get; } = new("platform", byResource.Values.SelectMany(t => t.Roots).Distinct().ToList());

    public ProcessTree Of(params string[] resources) =>
        new(string.Join("+", resources), resources.Where(ByResource.ContainsKey).SelectMany(r => ByResource[r].Roots).Distinct().ToList());

    /// <summary>CPU and memory over one step: take a mark before, ask it after.</summary>
    public Usage Mark(ProcessTree? tree = null) => new(tree ?? All);
}

/// <summary>CPU used by a tree since the mark was taken, and its memory now and at its peak (sampled every 500 ms).</summary>
public sealed class Usage : IDisposable
{
    private readonly ProcessTree _tree;
    private readonly double _cpuAtStart;
    private readonly Timer _sampler;
    private double _peakRss;

    public Usage(ProcessTree tree)
    {
        _tree = tree;
        _cpuAtStart = tree.CpuMilliseconds();
        RssAtStart = tree.RssMiB();
        _peakRss = RssAtStart;
        _sampler = new Timer(_ => Sample(), null, 500, 500);
    }

    public double RssAtStart { get; }
    public double PeakRss { get { lock (_sampler) return _peakRss; } }

    private void Sample()
    {
        var rss = _tree.RssMiB();
        lock (_sampler) _peakRss = Math.Max(_peakRss, rss);
    }

    /// <summary>CPU milliseconds since the mark, and RSS now.</summary>
    public (double CpuMs, double RssMiB) Now()
    {
        var rss = _tree.RssMiB();
        lock (_sampler) _peakRss = Math.Max(_peakRss, rss);
        return (_tree.CpuMilliseconds() - _cpuAtStart, rss);
    }

    public void Dispose() => _sampler.Dispose();
}
