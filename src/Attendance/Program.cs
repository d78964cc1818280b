using Platform.Attendance;
using Platform.Attendance.Apis;
using Platform.Attendance.Infrastructure;
using Platform.Messaging;
using Platform.Messaging.Idempotency;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthentication(AttendanceApi.Audience);
builder.AddAttendanceServices();
builder.Services.AddPlatformOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// After authorisation: a key belongs to the token's organisation.
app.UseIdempotencyKeys<AttendanceDbContext>();

app.MapDefaultEndpoints();
app.MapPlatformOpenApi(AttendanceApi.Prefix);
app.MapAbsenceReportsApi();
app.MapThuiszittersApi();
app.MapExemptionsApi();

await app.MigrateDatabaseAsync<AttendanceDbContext>();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
