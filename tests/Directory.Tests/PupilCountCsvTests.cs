using Platform.Directory.Import;

namespace Platform.Directory.Tests;

/// <summary>
/// The pupil-count CSV reader on its own (no database): RFC 4180 quoting, DUO's column names,
/// and the error keys (<c>body</c>, <c>lines[n]</c>, <c>lines[n].field</c>) the import's problem responses carry.
/// </summary>
public sealed class PupilCountCsvTests
{
    private static IReadOnlyList<PupilCountCsv.Row> Rows(string text)
    {
        var (rows, errors) = PupilCountCsv.Parse(text);
        Assert.Empty(errors);
        return rows;
    }

    private static string[] ErrorKeys(string text)
    {
        var (_, errors) = PupilCountCsv.Parse(text);
        return [.. errors.Keys.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void A_quoted_field_may_hold_a_line_break_and_later_lines_keep_their_numbers()
    {
        var rows = Rows("locationId,name,pupils\n27DL00,\"De Linde\nhoofdlocatie\",412\n27HK00,Het Kompas,121\n");
        Assert.Equal([new(2, "27DL00", 412), new(4, "27HK00", 121)], rows);
        // An error after a multi-line field names the line it is on in the file.
        Assert.Equal(["lines[4].pupils"], ErrorKeys("locationId,name,pupils\n27DL00,\"De Linde\r\nhoofdlocatie\",412\n27HK00,Het Kompas,-1\n"));
    }

    [Fact]
    public void Quoted_separators_doubled_quotes_a_BOM_and_CRLF_are_read_as_RFC_4180_says()
    {
        const string duo = "\uFEFFPEILDATUM;INSTELLINGSCODE;VESTIGINGSCODE;INSTELLINGSNAAM;TOTAAL\r\n" +
                           "20271001;27DL;00;\"De Linde; \"\"hoofdlocatie\"\"\";420\r\n20271001;27dl;1;De Linde Wyck;140\r\n";
        Assert.Equal([new(2, "27DL00", 420), new(3, "27DL01", 140)], Rows(duo));
        Assert.Equal([new(2, "27DL00", 7)], Rows("\"brin\",\"vestiging\",\"leerlingen\"\r\n\"27DL\",\"00\",\"7\"\r\n"));
        Assert.Equal([new(2, "27DL00", 7)], Rows("locationId,name,pupils\n27DL00,\"Linde, \"\"De\"\"\",7"));
        Assert.Equal([new(2, "27DL00", 5), new(3, "27HK00", 6)], Rows("locationId,pupils\r27DL00,5\r27HK00,6\r"));
    }

    [Fact]
    public void Cells_are_trimmed_blank_lines_skipped_and_other_columns_ignored()
    {
        var rows = Rows("Location ID , pupils ,remark\n\n 27DL00 , 12 ,x\n   \n27HK00,3\n");
        Assert.Equal([new(3, "27DL00", 12), new(5, "27HK00", 3)], rows);
    }

    [Fact]
    public void A_missing_or_unusable_header_is_a_body_error()
    {
        Assert.Equal(["body"], ErrorKeys(""));
        Assert.Equal(["body"], ErrorKeys("  \nlocationId,pupils\n27DL00,1\n"));
        Assert.Equal(["body"], ErrorKeys("naam,aantal\nx,1\n"));
        Assert.Equal(["body"], ErrorKeys("brin,pupils\n27DL,1\n"));
        Assert.Equal(["body"], ErrorKeys("locationId,pupils\n"));
        Assert.Equal(["body"], ErrorKeys("locationId,pupils\n\n  \n"));
    }

    [Fact]
    public void Each_bad_line_is_named_with_its_field()
    {
        const string text = "locationId,pupils\n27DL00,-4\n,3\n27HK00,100001\n27DL01,1.5\n27DL02,\n27DL03,12\n27DL03,13\n";
        Assert.Equal(["lines[2].pupils", "lines[3].location", "lines[4].pupils", "lines[5].pupils", "lines[6].pupils", "lines[8].location"],
            ErrorKeys(text));
        Assert.Equal(["lines[2].location"], ErrorKeys($"locationId,pupils\n{new string('x', 101)},1\n"));
    }

    [Fact]
    public void A_quote_left_open_is_an_error_on_its_line_instead_of_swallowing_the_rest()
    {
        Assert.Equal(["lines[3]"], ErrorKeys("locationId,name,pupils\n27DL00,De Linde,4\n27HK00,\"Het Kompas,121\n27DL01,Wyck,3\n"));
    }

    [Fact]
    public void At_most_the_maximum_number_of_lines()
    {
        var lines = string.Concat(Enumerable.Range(0, PupilCountCsv.MaxLines).Select(i => $"L{i},1\n"));
        Assert.Equal(PupilCountCsv.MaxLines, Rows("locationId,pupils\n" + lines).Count);
        Assert.Equal(["body"], ErrorKeys("locationId,pupils\n" + lines + "L,1\n"));
    }
}
