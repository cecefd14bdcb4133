namespace Contests.Core.Programmes;

/// <summary>What a contest is about; funding sources may be restricted to some themes.</summary>
public enum Theme
{
    SoilAndWater,
    Terraces,
    Irrigation,
    HealthyHome,
    CorralsAndPastures,
    Forestry,
    HomeGardens,
    CulturalMaps,
    BusinessPlans,
    Other,
}
