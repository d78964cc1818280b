using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Attendance.Infrastructure;

namespace Platform.Attendance.Calendar;

/// <summary>A school's calendar: its holiday region (the region's setting, overridable per school) and its own days off.</summary>
public sealed class SchoolCalendars(AttendanceDbContext db, IOptions<AttendanceOptions> options)
{
    public HolidayRegion RegionOf(string school) =>
        options.Value.SchoolHolidayRegions.TryGetValue(school, out var own)
            ? HolidayRegions.Parse(own, $"Attendance:SchoolHolidayRegions:{school}")
            : HolidayRegions.Parse(options.Value.HolidayRegion, "Attendance:HolidayRegion");

    public async Task<SchoolCalendar> ForAsync(string school, CancellationToken ct = default)
    {
        var daysOff = await db.SchoolDaysOff.AsNoTracking().Where(d => d.SchoolOrganisationId == school).Select(d => d.Date).ToListAsync(ct);
        return new SchoolCalendar(RegionOf(school), SchoolHolidays.Official, daysOff);
    }
}
