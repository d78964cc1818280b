using Platform.Attendance;
using Platform.Attendance.Apis;
using Platform.Attendance.Infrastructure;
using Platform.ChildLinks;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<AttendanceDbContext>(AttendanceApi.Service).AddAttendanceServices();

var app = builder.Build();
app.MapPlatformService<AttendanceDbContext>(AttendanceApi.Service);
app.MapAbsenceReportsApi();
app.MapThuiszittersApi();
app.MapExemptionsApi();
app.MapSchoolCalendarApi();
app.MapLeaveApi();
app.MapChildLinksApi<AttendanceDbContext>(AttendanceApi.Prefix, Platform.Auditing.LegalPurposes.Leerplicht);
await app.RunPlatformServiceAsync<AttendanceDbContext>();

public partial class Program; // visible to the tests' WebApplicationFactory
