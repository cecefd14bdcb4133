using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Contests.Web.Infrastructure.Mvc;

namespace Contests.Web.Features.Registry;

public sealed record AccountRow(int Id, AccountHolderKind HolderKind, int HolderId, string HolderName, string BankName, string Cci,
    bool IsActive, DateTime? VerifiedUtc, string? VerifiedByName, int? EnteredByUserId);

public sealed record AccountPage(IReadOnlyList<AccountRow> Rows, int Total, int Page, int PageSize, bool UnverifiedOnly);

/// <summary>
/// Bank accounts of communities, organizations and households. Opening or editing one never makes it
/// payable: an officer other than the one who typed it verifies it against the bank's document
/// (recorded with name and time); editing anything the bank file prints withdraws the verification. The same CCI
/// can't be active for two holders.
/// </summary>
public sealed class BankAccounts(ContestsDbContext db, TimeProvider clock)
{
    public const int PageSize = 25;

    /// <summary>Active accounts, the ones still to verify first; a page at a time.</summary>
    public async Task<AccountPage> ListAsync(bool unverifiedOnly, int page, CancellationToken ct)
    {
        var query = db.BankAccounts.AsNoTracking().Where(a => a.IsActive);
        if (unverifiedOnly)
        {
            query = query.Where(a => a.VerifiedUtc == null);
        }
        var total = await query.CountAsync(ct);
        page = Paging.Clamp(page, total, PageSize);
        var accounts = await query.OrderBy(a => a.VerifiedUtc != null).ThenBy(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AccountPage([.. accounts.Select(a => new AccountRow(a.Id, a.HolderKind, a.HolderId, a.HolderName, a.BankName, a.Cci, a.IsActive,
            a.VerifiedUtc, a.VerifiedByName, a.EnteredByUserId))], total, page, PageSize, unverifiedOnly);
    }

    public Task<BankAccount?> FindAsync(int id, CancellationToken ct) => db.BankAccounts.SingleOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>The holder's display name, or null when there is no such holder.</summary>
    public async Task<string?> HolderNameAsync(AccountHolderKind kind, int id, CancellationToken ct) => kind switch
    {
        AccountHolderKind.Community => await db.Communities.Where(c => c.Id == id).Select(c => c.Name).SingleOrDefaultAsync(ct),
        AccountHolderKind.Organization => await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct),
        _ => await db.Households.Where(h => h.Id == id).Select(h => h.HeadFirstNames + " " + h.HeadLastNames).SingleOrDefaultAsync(ct),
    };

    public async Task<(Result Result, BankAccount? Account)> OpenAsync(AccountHolderKind kind, int holderId, BankAccountInput input, int? userId,
        CancellationToken ct)
    {
        var (details, errors) = await ValidateAsync(input, null, ct);
        if (details is null)
        {
            return (Result.Fail(errors), null);
        }
        var account = BankAccount.Open(kind, holderId, details, clock.GetUtcNow().UtcDateTime, userId);
        db.BankAccounts.Add(account);
        await db.SaveChangesAsync(ct);
        return (Result.Success(), account);
    }

    public async Task<Result> UpdateAsync(BankAccount account, BankAccountInput input, int? userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        var (details, errors) = await ValidateAsync(input, account.Id, ct);
        if (details is null)
        {
            return Result.Fail(errors);
        }
        account.Update(details, userId);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    public async Task<Result> VerifyAsync(BankAccount account, int userId, string userName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        var result = account.Verify(userId, userName, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    public async Task DeactivateAsync(BankAccount account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        account.Deactivate();
        await db.SaveChangesAsync(ct);
    }

    private async Task<(BankAccountDetails? Details, IReadOnlyList<DomainError> Errors)> ValidateAsync(BankAccountInput input, int? accountId,
        CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var details = BankAccountDetails.Parse(input, errors);
        if (details is not null)
        {
            var other = await db.BankAccounts.AsNoTracking()
                .Where(a => a.Cci == details.Cci.Value && a.IsActive && a.Id != accountId).FirstOrDefaultAsync(ct);
            if (other is not null)
            {
                errors.Add(new DomainError("BankAccount.CciTaken", nameof(BankAccountInput.Cci), other.HolderName));
            }
        }
        return (errors.Count == 0 ? details : null, errors);
    }
}
