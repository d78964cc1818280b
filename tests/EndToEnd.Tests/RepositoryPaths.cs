namespace Platform.EndToEnd.Tests;

public static class RepositoryPaths
{
    /// <summary>The checkout's root (where Platform.sln is), found from the test's output folder.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
