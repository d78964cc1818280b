namespace Platform.TestInfrastructure;

/// <summary>
/// Marks a test assembly that takes the broker away (Messaging.Tests' outage tests): it gets
/// servers of its own instead of the run's shared ones, so that test modules running in
/// parallel against the shared servers never see its outage.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class OwnTestServersAttribute : Attribute;
