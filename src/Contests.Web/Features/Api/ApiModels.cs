using System.Text.Json.Serialization;
using Contests.Core.Payouts;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Core.Monitoring;
using Contests.Web.Features.Monitoring;

namespace Contests.Web.Features.Api;

/// <summary>One page of a list: the rows and the link to the next page (null on the last).</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Data, string? Next);

/// <summary>A contest round (drafts are not served).</summary>
/// <param name="Id">The round's id, used in the other URLs.</param>
/// <param name="Name">The round's name.</param>
/// <param name="Office">The local office that runs it.</param>
/// <param name="Level">Who competes.</param>
/// <param name="Themes">The round's themes.</param>
/// <param name="Phase">Where the round is.</param>
/// <param name="CreatedUtc">When it was created (UTC).</param>
/// <param name="ActaCode">The approved acta's number (<c>001-2026</c>) once the results are published.</param>
/// <param name="ResultsApprovedUtc">When the LRAC approved the results now in force (UTC).</param>
/// <param name="Awarded">Sum of the prizes now in force, in soles (null before publication).</param>
public sealed record ApiRound(int Id, string Name, string Office, RoundLevel Level, IReadOnlyList<Theme> Themes, RoundPhase Phase,
    DateTime CreatedUtc, string? ActaCode, DateTime? ResultsApprovedUtc, [property: JsonConverter(typeof(NullableMoneyJson))] decimal? Awarded);

/// <summary>An entry of a published round, as the public results show it: no DNI, no account, no address.</summary>
/// <param name="Number">The entry's number in its round.</param>
/// <param name="Competitor">The household's head, the community or the organization.</param>
/// <param name="Community">The community it entered with (null for organizations without one).</param>
/// <param name="District">The district.</param>
/// <param name="Pool">The pool it competed in.</param>
/// <param name="Score">Final score.</param>
/// <param name="Rank">Place in its pool.</param>
/// <param name="Qualified">At or above the qualifying score.</param>
/// <param name="Award">The prize in force, in soles (0.00 when none).</param>
public sealed record ApiEntry(int Number, string Competitor, string? Community, string District, string Pool, decimal Score, int Rank,
    bool Qualified, [property: JsonConverter(typeof(MoneyJson))] decimal Award);

/// <summary>How much of a prize one funding source pays.</summary>
public sealed record ApiFundingShare(int FundingSourceId, string FundingSource, [property: JsonConverter(typeof(MoneyJson))] decimal Amount);

/// <summary>A prize in force with money, split by funding source.</summary>
public sealed record ApiAward(int EntryNumber, string Competitor, [property: JsonConverter(typeof(MoneyJson))] decimal Amount,
    IReadOnlyList<ApiFundingShare> Funding);

/// <summary>Payouts of one state: how many and how much.</summary>
public sealed record ApiPayoutState(PayoutState State, int Count, [property: JsonConverter(typeof(MoneyJson))] decimal Amount);

/// <summary>A round's payouts by state (no beneficiary, no account).</summary>
public sealed record ApiPayoutSummary(int RoundId, int Count, [property: JsonConverter(typeof(MoneyJson))] decimal Total,
    IReadOnlyList<ApiPayoutState> States);

/// <summary>A follow-up visit to an entry of a published round.</summary>
/// <param name="Id">The visit's id.</param>
/// <param name="RoundId">The entry's round.</param>
/// <param name="EntryNumber">The entry's number in its round.</param>
/// <param name="Competitor">The entry's competitor.</param>
/// <param name="VisitedOn">The day of the visit (Lima).</param>
/// <param name="VisitedBy">An officer or the LRAC.</param>
/// <param name="AssetChange">Value now − value before over the baseline activities with both values (null: nothing to compare).</param>
/// <param name="OwnInvestment">The family's own investment to date, in soles.</param>
/// <param name="InvestmentKept">The visitor saw the investment still in place.</param>
public sealed record ApiFollowUp(int Id, int RoundId, int EntryNumber, string Competitor, DateOnly VisitedOn, Visitor VisitedBy,
    [property: JsonConverter(typeof(NullableMoneyJson))] decimal? AssetChange, [property: JsonConverter(typeof(MoneyJson))] decimal OwnInvestment,
    bool InvestmentKept);

/// <summary>The filters the indicators were computed with (null = all), as read.</summary>
public sealed record ApiIndicatorFilter(int? Year, string? District, Theme? Theme, RoundLevel? Level, int? Round);

/// <summary>A headline figure under its definition's code (<c>households</c>, <c>awarded</c>, <c>kept</c>…).</summary>
/// <param name="Code">The indicator's code, as in the definitions and the indicators page.</param>
/// <param name="Unit">count, soles, share (a fraction: 0.8333 = 83.33 %) or ratio (soles per sol of prize).</param>
/// <param name="Value">The figure; null when it can't be computed (no prize to divide by, no award to average).</param>
public sealed record ApiFigure(string Code, FigureUnit Unit, decimal? Value);

/// <summary>Households and persons of one group (women, men, youth, a mother tongue), counted with the facts fixed at entry.</summary>
public sealed record ApiSplit(string Group, int Households, int Persons);

/// <summary>Contests (rounds from publication on) of one theme or level.</summary>
public sealed record ApiContestCount(string Key, int Rounds);

/// <summary>Money awarded under one key (a funding source's id, a district's UBIGEO, a theme, a year) and how many awards.</summary>
public sealed record ApiAmount(string Key, string Name, [property: JsonConverter(typeof(MoneyJson))] decimal Amount, int Awards);

/// <summary>One round's participation and money.</summary>
public sealed record ApiRoundFigures(int RoundId, string Name, int Year, RoundLevel Level, int Entries, int Households,
    [property: JsonConverter(typeof(MoneyJson))] decimal Awarded, [property: JsonConverter(typeof(MoneyJson))] decimal Paid);

/// <summary>A co-financer (any funding source but the project's own) and what it put in.</summary>
/// <param name="FundingSourceId">The funding source.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">municipality, privateCompany, government, other.</param>
/// <param name="Committed">What its agreement commits over the whole programme, in soles.</param>
/// <param name="Budgeted">Its budget lines on the rounds counted.</param>
/// <param name="Awarded">Its share of the prizes awarded in those rounds.</param>
/// <param name="Rounds">Rounds counted that it funds.</param>
public sealed record ApiCoFinancer(int FundingSourceId, string Name, FundingSourceKind Kind, [property: JsonConverter(typeof(MoneyJson))] decimal Committed,
    [property: JsonConverter(typeof(MoneyJson))] decimal Budgeted, [property: JsonConverter(typeof(MoneyJson))] decimal Awarded, int Rounds);

/// <summary>The programme's indicators for the filters given: the figures of the indicators page and the tables behind its charts.</summary>
public sealed record ApiIndicators(ApiIndicatorFilter Filter, IReadOnlyList<ApiFigure> Figures, IReadOnlyList<ApiSplit> Participants,
    IReadOnlyList<ApiContestCount> ContestsByTheme, IReadOnlyList<ApiContestCount> ContestsByLevel, IReadOnlyList<ApiAmount> AwardedBySource,
    IReadOnlyList<ApiAmount> AwardedByDistrict, IReadOnlyList<ApiAmount> AwardedByTheme, IReadOnlyList<ApiAmount> AwardedByYear,
    IReadOnlyList<ApiCoFinancer> CoFinancers, IReadOnlyList<ApiRoundFigures> Rounds);
