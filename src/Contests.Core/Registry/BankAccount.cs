using Contests.Core.Common;

namespace Contests.Core.Registry;

/// <summary>Who holds an account: exactly one of a community, an organization or a household.</summary>
public enum AccountHolderKind
{
    Community,
    Organization,
    Household,
}

/// <summary>What an officer types for a bank account, before it is checked.</summary>
public sealed record BankAccountInput
{
    public string? BankName { get; init; }

    public string? AccountNumber { get; init; }

    public string? Cci { get; init; }

    public string? HolderName { get; init; }
}

public sealed record BankAccountDetails(string BankName, string AccountNumber, Cci Cci, string HolderName)
{
    public const int BankNameMaxLength = 80;
    public const int AccountNumberMaxLength = 30;
    public const int HolderNameMaxLength = 160;

    public static BankAccountDetails? Parse(BankAccountInput input, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var bank = Text.Name(input.BankName, BankNameMaxLength, nameof(input.BankName), required: true, errors);
        var number = Text.Required(input.AccountNumber, AccountNumberMaxLength, nameof(input.AccountNumber), errors);
        if (number is not null && !number.All(c => char.IsAsciiDigit(c) || c is '-' or ' '))
        {
            errors.Add(new DomainError("BankAccount.NumberCharacters", nameof(input.AccountNumber)));
        }
        var cci = Registry.Cci.TryParse(input.Cci, nameof(input.Cci), out var cciError);
        if (cciError is not null)
        {
            errors.Add(cciError);
        }
        var holder = Text.Name(input.HolderName, HolderNameMaxLength, nameof(input.HolderName), required: true, errors);
        return errors.Count > before ? null : new BankAccountDetails(bank!, number!, cci!, holder!);
    }
}

/// <summary>
/// An account prizes are paid into. It is usable for payment only once an officer has checked it
/// against the bank's document and marked it verified — someone other than who typed it; changing
/// anything the bank file prints (holder name, bank, number, CCI) un-verifies it.
/// </summary>
public sealed class BankAccount
{
    private BankAccount()
    {
        BankName = AccountNumber = Cci = HolderName = string.Empty;
    }

    public int Id { get; private set; }

    public int? CommunityId { get; private set; }

    public int? OrganizationId { get; private set; }

    public int? HouseholdId { get; private set; }

    public string BankName { get; private set; }

    public string AccountNumber { get; private set; }

    public string Cci { get; private set; }

    /// <summary>The name the bank has on the account (the creditor name in bank files).</summary>
    public string HolderName { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime? VerifiedUtc { get; private set; }

    public int? VerifiedByUserId { get; private set; }

    /// <summary>Who typed the current details (null when they came from an import or the demo).</summary>
    public int? EnteredByUserId { get; private set; }

    public string? VerifiedByName { get; private set; }

    public bool IsVerified => VerifiedUtc is not null;

    /// <summary>Can money be sent here: active and verified.</summary>
    public bool CanReceivePayments => IsActive && IsVerified;

    public AccountHolderKind HolderKind =>
        CommunityId is not null ? AccountHolderKind.Community
        : OrganizationId is not null ? AccountHolderKind.Organization
        : AccountHolderKind.Household;

    public int HolderId => CommunityId ?? OrganizationId ?? HouseholdId!.Value;

    public static BankAccount Open(AccountHolderKind kind, int holderId, BankAccountDetails details, DateTime nowUtc, int? enteredByUserId = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var account = new BankAccount
        {
            CommunityId = kind == AccountHolderKind.Community ? holderId : null,
            OrganizationId = kind == AccountHolderKind.Organization ? holderId : null,
            HouseholdId = kind == AccountHolderKind.Household ? holderId : null,
            IsActive = true,
            CreatedUtc = nowUtc,
            EnteredByUserId = enteredByUserId,
        };
        account.Apply(details);
        return account;
    }

    /// <summary>
    /// Edits the account. Whatever the bank file prints — holder name, bank, number, CCI — was checked
    /// against the bank's document, so a change to any of them withdraws the verification and makes the
    /// editor its typist: someone else checks the new details (four eyes again).
    /// </summary>
    public void Update(BankAccountDetails details, int? userId = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var printedChanged = ChangesWhatTheBankFilePrints(details);
        Apply(details);
        if (printedChanged)
        {
            EnteredByUserId = userId;
            VerifiedUtc = null;
            VerifiedByUserId = null;
            VerifiedByName = null;
        }
    }

    /// <summary>Would these details change a line of the bank file (creditor name, bank, number or CCI)?</summary>
    public bool ChangesWhatTheBankFilePrints(BankAccountDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return !string.Equals(details.HolderName, HolderName, StringComparison.Ordinal)
            || !string.Equals(details.BankName, BankName, StringComparison.Ordinal)
            || !string.Equals(details.AccountNumber, AccountNumber, StringComparison.Ordinal)
            || !string.Equals(details.Cci.Value, Cci, StringComparison.Ordinal);
    }

    /// <summary>An officer confirms the account against the bank's document (recorded: who and when).</summary>
    public Result Verify(int userId, string userName, DateTime nowUtc)
    {
        if (!IsActive)
        {
            return Result.Fail(new DomainError("BankAccount.Inactive"));
        }
        if (IsVerified)
        {
            return Result.Fail(new DomainError("BankAccount.AlreadyVerified"));
        }
        if (EnteredByUserId == userId)
        {
            // Four eyes: whoever typed the number checks someone else's typing, never their own.
            return Result.Fail(new DomainError("BankAccount.VerifierIsTypist"));
        }
        VerifiedUtc = nowUtc;
        VerifiedByUserId = userId;
        VerifiedByName = userName;
        return Result.Success();
    }

    /// <summary>Closed accounts stay on record (payments made to them keep pointing here) but receive nothing.</summary>
    public void Deactivate() => IsActive = false;

    private void Apply(BankAccountDetails details)
    {
        BankName = details.BankName;
        AccountNumber = details.AccountNumber;
        Cci = details.Cci.Value;
        HolderName = details.HolderName;
    }
}
