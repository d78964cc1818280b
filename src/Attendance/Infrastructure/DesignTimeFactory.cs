using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Attendance.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AttendanceDbContext>
{
    public AttendanceDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AttendanceDbContext>()
        .UseNpgsql("Host=localhost;Database=attendancedb").UseSnakeCaseNamingConvention().Options);
}
