using Platform.Attendance;
using Platform.Attendance.Apis;
using Platform.Attendance.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<AttendanceDbContext>(AttendanceApi.Service).AddAttendanceServices();

var app = builder.Build();
app.MapPlatformService<AttendanceDbContext>(AttendanceApi.Service);
app.MapAttendanceApis();
await app.RunPlatformServiceAsync<AttendanceDbContext>();

public partial class Program; // visible to the tests' WebApplicationFactory
