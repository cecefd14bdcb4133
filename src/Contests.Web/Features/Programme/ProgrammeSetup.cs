using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Programme;

/// <summary>A funding source on the programme page: its money as <see cref="FundingMoney"/> defines it for every page, and its restrictions.</summary>
public sealed record FundingRow(int Id, string Name, FundingSourceKind Kind, SourceMoney Money, IReadOnlyList<Theme> Themes, int Districts);

public sealed record ProgrammeView(Core.Programmes.Programme Programme, IReadOnlyList<FundingRow> Funding);

/// <summary>
/// The programme this installation runs (one), its local offices and its funding sources. Their money
/// (allocated, awarded, in process, paid, balance) comes from <see cref="FundingMoney"/>, never stored.
/// </summary>
public sealed class ProgrammeSetup(ContestsDbContext db, TimeProvider clock)
{
    public Task<Core.Programmes.Programme?> FindAsync(CancellationToken ct) =>
        db.Programmes.Include(p => p.Offices).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);

    public async Task<ProgrammeView?> ViewAsync(CancellationToken ct)
    {
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Offices).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        return programme is null ? null : new ProgrammeView(programme, await FundingAsync(programme.Id, ct));
    }

    public async Task<IReadOnlyList<FundingRow>> FundingAsync(int programmeId, CancellationToken ct)
    {
        var sources = await db.FundingSources.AsNoTracking().IgnoreAutoIncludes().Where(f => f.ProgrammeId == programmeId).OrderBy(f => f.Name)
            .Select(f => new { f.Id, f.Name, f.Kind, Themes = f.Themes.Select(t => t.Theme).ToList(), Districts = f.Districts.Count })
            .ToListAsync(ct);
        var money = await new FundingMoney(db).OfAsync([.. sources.Select(s => s.Id)], ct);
        return [.. sources.Select(s => new FundingRow(s.Id, s.Name, s.Kind, money[s.Id], s.Themes, s.Districts))];
    }

    /// <summary>One source's money, as every page shows it.</summary>
    public async Task<SourceMoney> MoneyAsync(int sourceId, CancellationToken ct) => (await new FundingMoney(db).OfAsync([sourceId], ct))[sourceId];

    public async Task<Result> SaveAsync(string? name, string? funder, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var cleanName = Text.Name(name, Core.Programmes.Programme.NameMaxLength, "Name", required: true, errors);
        var cleanFunder = Text.Name(funder, Core.Programmes.Programme.FunderMaxLength, "Funder", required: true, errors);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        var programme = await FindAsync(ct);
        if (programme is null)
        {
            db.Programmes.Add(Core.Programmes.Programme.Create(cleanName!, cleanFunder!));
        }
        else
        {
            programme.Update(cleanName!, cleanFunder!);
        }
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    public async Task<Result> AddOfficeAsync(Core.Programmes.Programme programme, string? name, string? city, string? chief, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var errors = new List<DomainError>();
        var cleanName = Text.Name(name, LocalOffice.NameMaxLength, "OfficeName", required: true, errors);
        var cleanCity = Text.Name(city, LocalOffice.CityMaxLength, "City", required: true, errors);
        var cleanChief = Text.Name(chief, LocalOffice.ChiefNameMaxLength, "ChiefName", required: true, errors);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        var result = programme.AddOffice(cleanName!, cleanCity!, cleanChief!);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    public Task<FundingSource?> FindSourceAsync(int id, CancellationToken ct) => db.FundingSources.SingleOrDefaultAsync(f => f.Id == id, ct);

    /// <summary>Creates (when <paramref name="source"/> is null) or edits a funding source with its restrictions.</summary>
    public async Task<(Result Result, FundingSource? Source)> SaveSourceAsync(FundingSource? source, FundingSourceForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var programme = await FindAsync(ct);
        var errors = new List<DomainError>();
        var name = Text.Name(form.Name, FundingSource.NameMaxLength, nameof(form.Name), required: true, errors);
        if (form.Kind is null)
        {
            errors.Add(new DomainError("Validation.Required", nameof(form.Kind), new FieldLabel(nameof(form.Kind))));
        }
        var committed = Money.TryParse(form.Committed, nameof(form.Committed), out var moneyError);
        if (moneyError is not null)
        {
            errors.Add(moneyError);
        }
        var districts = form.Districts.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Districts.Where(d => districts.Contains(d.Ubigeo)).Select(d => d.Ubigeo).ToListAsync(ct);
        foreach (var unknown in districts.Except(known, StringComparer.Ordinal))
        {
            errors.Add(new DomainError("Registry.UnknownDistrict", nameof(form.Districts), unknown));
        }
        if (programme is null)
        {
            errors.Add(new DomainError("Programme.Missing"));
        }
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), source);
        }
        if (source is null)
        {
            var (created, newSource) = FundingSource.Create(programme!.Id, name!, form.Kind!.Value, committed!.Value, clock.GetUtcNow().UtcDateTime);
            if (!created.Succeeded)
            {
                return (created, null);
            }
            source = newSource!;
            db.FundingSources.Add(source);
        }
        else
        {
            var updated = source.Update(name!, form.Kind!.Value, committed!.Value);
            if (!updated.Succeeded)
            {
                return (updated, source);
            }
        }
        source.Restrict(form.Themes, known);
        await db.SaveChangesAsync(ct);
        return (Result.Success(), source);
    }

    public async Task<Result> AdjustAsync(FundingSource source, AdjustmentForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(form);
        var amount = Money.TryParse(form.Amount, nameof(form.Amount), out var moneyError);
        if (moneyError is not null)
        {
            return Result.Fail(moneyError);
        }
        if ((form.Reason?.Length ?? 0) > FundingSource.ReasonMaxLength)
        {
            return Result.Fail(new DomainError("Validation.MaxLength", nameof(form.Reason), new FieldLabel(nameof(form.Reason)), FundingSource.ReasonMaxLength));
        }
        var result = source.Adjust(form.Kind, amount!.Value, form.Reason ?? string.Empty, userId, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }
}
