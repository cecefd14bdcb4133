using Contests.Core.Common;

namespace Contests.Core.Monitoring;

/// <summary>The logframe's indicators a programme sets yearly targets for (SIIR's <i>metas</i>), each measured by <see cref="Indicators"/>.</summary>
public enum LogframeIndicator
{
    /// <summary>Households in entries of the year (each once).</summary>
    Households,

    /// <summary>Persons in those households at entry.</summary>
    Persons,

    /// <summary>Women-headed households among them.</summary>
    WomenHeadedHouseholds,

    /// <summary>Households whose head was young (15–29) at entry.</summary>
    YouthHouseholds,

    /// <summary>Communities with an entry at or above the qualifying score.</summary>
    CommunitiesApproved,

    /// <summary>Organizations with an entry at or above the qualifying score.</summary>
    OrganizationsApproved,

    /// <summary>Contests whose results were published.</summary>
    ContestsHeld,

    /// <summary>LRACs with an approved session acta.</summary>
    LracsOperating,

    /// <summary>Soles awarded by approved actas.</summary>
    Awarded,

    /// <summary>Soles paid.</summary>
    Paid,
}

/// <summary>
/// A target (<i>meta</i>) for one indicator and one programme year. Set by officers and the monitoring officer;
/// changed in place (the audit keeps what it was). Counts are whole numbers, soles have at most two decimals.
/// </summary>
public sealed class LogframeTarget
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>No programme reaches a hundred million of anything (households, persons or soles).</summary>
    public const decimal MaxValue = 100_000_000m;

    private LogframeTarget()
    {
    }

    public int Id { get; private set; }

    public LogframeIndicator Indicator { get; private set; }

    public int Year { get; private set; }

    public decimal Value { get; private set; }

    public DateTime UpdatedUtc { get; private set; }

    public int UpdatedByUserId { get; private set; }

    public static bool IsMoney(LogframeIndicator indicator) => indicator is LogframeIndicator.Awarded or LogframeIndicator.Paid;

    /// <summary>Checks a typed target: not negative, whole for counts, céntimos for soles, below <see cref="MaxValue"/>.</summary>
    public static DomainError? Check(LogframeIndicator indicator, int year, decimal value, string field)
    {
        if (year is < MinYear or > MaxYear)
        {
            return new DomainError("Logframe.BadYear", field, MinYear, MaxYear);
        }
        if (value < 0 || value >= MaxValue)
        {
            return new DomainError("Logframe.OutOfRange", field);
        }
        if (IsMoney(indicator) ? decimal.Round(value, 2) != value : decimal.Truncate(value) != value)
        {
            return new DomainError(IsMoney(indicator) ? "Logframe.MoneyDecimals" : "Logframe.WholeNumber", field);
        }
        return null;
    }

    public static (Result Result, LogframeTarget? Target) Create(LogframeIndicator indicator, int year, decimal value, int userId, DateTime nowUtc)
    {
        if (Check(indicator, year, value, nameof(Value)) is { } error)
        {
            return (Result.Fail(error), null);
        }
        return (Result.Success(), new LogframeTarget { Indicator = indicator, Year = year, Value = value, UpdatedUtc = nowUtc, UpdatedByUserId = userId });
    }

    public Result Change(decimal value, int userId, DateTime nowUtc)
    {
        if (Check(Indicator, Year, value, nameof(Value)) is { } error)
        {
            return Result.Fail(error);
        }
        (Value, UpdatedUtc, UpdatedByUserId) = (value, nowUtc, userId);
        return Result.Success();
    }

    /// <summary>Executed as a share of the target (4 decimals); null without a target (or a target of 0).</summary>
    public static decimal? Progress(decimal executed, decimal? target) =>
        target is { } t && t > 0 ? decimal.Round(executed / t, 4, MidpointRounding.AwayFromZero) : null;
}
