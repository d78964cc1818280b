namespace Platform.Data;

/// <summary>
/// The service's database records migrations this build does not know: it was made by another build of the
/// service. The service stops before changing anything (<see cref="ServiceDatabase.MigrateDatabaseAsync{TDbContext}"/>).
/// </summary>
public sealed class ForeignMigrationHistoryException(string database, IReadOnlyList<string> migrations)
    : InvalidOperationException(
        $"Database '{database}' has applied migrations this build does not have ({string.Join(", ", migrations)}). " +
        "It was made by another build: before the migrations were squashed, or by a newer version. Nothing was changed. " +
        "For a local AppHost, stop it and remove its data folder (README.md, \"Resetting local data\"); " +
        "elsewhere, deploy the build that made the database or restore a backup.")
{
    public IReadOnlyList<string> Migrations { get; } = migrations;
}
