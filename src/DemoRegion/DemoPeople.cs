namespace Platform.DemoRegion;

/// <summary>The portal's demo users: one per kind of work the portal supports.</summary>
public static class DemoPeople
{
    public static readonly IReadOnlyList<DemoPerson> All =
    [
        new("anna.smeets", "Anna Smeets", "Beleidsmedewerker passend onderwijs", "swv-po-maastricht-heuvelland", ["funder", "tlv"]),
        new("bram.hermans", "Bram Hermans", "Beleidsadviseur jeugd", "gemeente-maastricht", ["funder", "youth-care"]),
        new("carla.willems", "Carla Willems", "Leerplichtambtenaar", "gemeente-maastricht", ["leerplicht"]),
        new("dirk.janssen", "Dirk Janssen", "Casusregisseur wijkteam", "gemeente-maastricht", ["youth-care"]),
        new("eva.coenen", "Eva Coenen", "Intern begeleider", "school-bs-de-linde", ["referrer"]),
        new("femke.gerrits", "Femke Gerrits", "Functionaris gegevensbescherming", "fg-zuid-limburg", ["privacy-officer"]),
    ];

    public static DemoPerson? Find(string? id) => All.FirstOrDefault(p => p.Id == id);
}
