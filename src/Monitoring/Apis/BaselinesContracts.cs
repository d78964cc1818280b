using Platform.Monitoring.Baselines;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Figures;
using Platform.ServiceDefaults;

namespace Platform.Monitoring.Apis;

public sealed record TakeBaselineRequest(string? Name, string? Period);
