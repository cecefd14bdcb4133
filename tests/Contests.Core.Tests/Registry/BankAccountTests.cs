using Contests.Core.Common;
using Contests.Core.Registry;
using static Contests.Core.Tests.Registry.RegistryBuilders;

namespace Contests.Core.Tests.Registry;

public sealed class BankAccountTests
{
    private const int Officer = 3;
    private static readonly DateTime Checked = Now.AddDays(2);

    private static BankAccount OpenAccount() =>
        BankAccount.Open(AccountHolderKind.Community, 7, ValidBankAccountDetails(), Now);

    private static BankAccount VerifiedAccount()
    {
        var account = OpenAccount();
        Assert.True(account.Verify(Officer, "Rosa Ccori", Checked).Succeeded);
        return account;
    }

    [Fact]
    public void Open_ActiveButUnverified_CannotReceivePayments()
    {
        var account = OpenAccount();

        Assert.True(account.IsActive);
        Assert.False(account.IsVerified);
        Assert.False(account.CanReceivePayments);
        Assert.Equal("00219300123456789013", account.Cci);
        Assert.Equal(Now, account.CreatedUtc);
    }

    [Theory]
    [InlineData(AccountHolderKind.Community)]
    [InlineData(AccountHolderKind.Organization)]
    [InlineData(AccountHolderKind.Household)]
    public void Open_RemembersItsHolder(AccountHolderKind kind)
    {
        var account = BankAccount.Open(kind, 42, ValidBankAccountDetails(), Now);

        Assert.Equal(kind, account.HolderKind);
        Assert.Equal(42, account.HolderId);
    }

    [Fact]
    public void Verify_RecordsWhoAndWhen()
    {
        var account = OpenAccount();

        var result = account.Verify(Officer, "Rosa Ccori", Checked);

        Assert.True(result.Succeeded);
        Assert.True(account.IsVerified);
        Assert.True(account.CanReceivePayments);
        Assert.Equal(Checked, account.VerifiedUtc);
        Assert.Equal(Officer, account.VerifiedByUserId);
        Assert.Equal("Rosa Ccori", account.VerifiedByName);
    }

    [Fact]
    public void Verify_Twice_RefusedAndFirstVerificationKept()
    {
        var account = VerifiedAccount();

        var result = account.Verify(99, "Otro", Checked.AddDays(1));

        Assert.Equal("BankAccount.AlreadyVerified", Assert.Single(result.Errors).Code);
        Assert.Equal(Officer, account.VerifiedByUserId);
        Assert.Equal(Checked, account.VerifiedUtc);
    }

    [Fact]
    public void Update_DifferentCci_WithdrawsVerification()
    {
        var account = VerifiedAccount();
        var other = Cci.Compose("002", "193", "001234567891");

        account.Update(ValidBankAccountDetails(ValidBankAccountInput() with { Cci = other.Value }));

        Assert.Equal(other.Value, account.Cci);
        Assert.False(account.IsVerified);
        Assert.Null(account.VerifiedByUserId);
        Assert.Null(account.VerifiedByName);
        Assert.False(account.CanReceivePayments);
    }

    [Fact]
    public void Update_DifferentAccountNumber_WithdrawsVerification()
    {
        var account = VerifiedAccount();

        account.Update(ValidBankAccountDetails(ValidBankAccountInput() with { AccountNumber = "193-01234567-0-99" }));

        Assert.False(account.IsVerified);
    }

    [Fact]
    public void Update_SameCciWrittenWithoutSeparators_KeepsVerification()
    {
        var account = VerifiedAccount();

        account.Update(ValidBankAccountDetails(ValidBankAccountInput() with { Cci = "00219300123456789013" }));

        Assert.True(account.IsVerified);
    }

    [Theory]
    [InlineData("HolderName", "C.C. Ccollpa")]
    [InlineData("BankName", "BN")]
    [InlineData("AccountNumber", "193-01234567-0-99")]
    public void Update_AnythingTheBankFilePrints_WithdrawsVerification_AndMakesTheEditorTheTypist(string field, string value)
    {
        var account = VerifiedAccount();
        var input = field switch
        {
            "HolderName" => ValidBankAccountInput() with { HolderName = value },
            "BankName" => ValidBankAccountInput() with { BankName = value },
            _ => ValidBankAccountInput() with { AccountNumber = value },
        };

        account.Update(ValidBankAccountDetails(input), userId: 8);

        Assert.False(account.IsVerified);
        Assert.Null(account.VerifiedByUserId);
        Assert.False(account.CanReceivePayments);
        Assert.Equal(8, account.EnteredByUserId);
        Assert.False(account.Verify(8, "Editor", Checked).Succeeded);
    }

    [Fact]
    public void Update_SameDetailsWithSurroundingSpaces_KeepsVerification()
    {
        var account = VerifiedAccount();
        var input = ValidBankAccountInput();

        account.Update(ValidBankAccountDetails(input with { HolderName = "  " + input.HolderName + " ", BankName = input.BankName + " " }), userId: 8);

        Assert.True(account.IsVerified);
        Assert.Equal(Officer, account.VerifiedByUserId);
        Assert.Null(account.EnteredByUserId);
    }

    [Fact]
    public void Deactivate_VerifiedAccount_CannotReceivePayments()
    {
        var account = VerifiedAccount();

        account.Deactivate();

        Assert.False(account.IsActive);
        Assert.True(account.IsVerified);
        Assert.False(account.CanReceivePayments);
    }

    [Fact]
    public void Verify_InactiveAccount_Refused()
    {
        var account = OpenAccount();
        account.Deactivate();

        var result = account.Verify(Officer, "Rosa Ccori", Checked);

        Assert.Equal("BankAccount.Inactive", Assert.Single(result.Errors).Code);
        Assert.False(account.IsVerified);
    }

    [Fact]
    public void ParseDetails_Valid_KeepsTheCci()
    {
        var details = ValidBankAccountDetails();

        Assert.Equal("00219300123456789013", details.Cci.Value);
        Assert.Equal("Banco de Crédito del Perú", details.BankName);
    }

    [Fact]
    public void ParseDetails_BadCci_ErrorOnCciField()
    {
        var errors = new List<DomainError>();

        var details = BankAccountDetails.Parse(ValidBankAccountInput() with { Cci = "002-193-001234567890-14" }, errors);

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Cci.SecondCheckDigit", error.Code);
        Assert.Equal("Cci", error.Field);
    }

    [Fact]
    public void ParseDetails_AccountNumberWithLetters_Refused()
    {
        var errors = new List<DomainError>();

        BankAccountDetails.Parse(ValidBankAccountInput() with { AccountNumber = "193-0123A" }, errors);

        var error = Assert.Single(errors);
        Assert.Equal("BankAccount.NumberCharacters", error.Code);
        Assert.Equal("AccountNumber", error.Field);
    }

    [Fact]
    public void ParseDetails_Empty_ReportsEveryFieldAtOnce()
    {
        var errors = new List<DomainError>();

        Assert.Null(BankAccountDetails.Parse(new BankAccountInput(), errors));

        Assert.Equal(
            ["AccountNumber", "BankName", "Cci", "HolderName"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Verify_ByWhoTypedTheNumber_IsRefused_SomeoneElseMayVerify()
    {
        var account = BankAccount.Open(AccountHolderKind.Household, 7, ValidBankAccountDetails(), Now, enteredByUserId: Officer);

        var own = account.Verify(Officer, "Rosa Ccori", Checked);

        Assert.Equal("BankAccount.VerifierIsTypist", Assert.Single(own.Errors).Code);
        Assert.False(account.IsVerified);
        Assert.True(account.Verify(Officer + 1, "Marco Salas", Checked).Succeeded);
    }

    [Fact]
    public void Update_WithANewCci_MakesTheEditorTheTypist()
    {
        var account = BankAccount.Open(AccountHolderKind.Household, 7, ValidBankAccountDetails(), Now, enteredByUserId: Officer);
        var other = Cci.Compose("018", "251", "004401234567");

        account.Update(ValidBankAccountDetails() with { Cci = other }, userId: 8);

        Assert.Equal(8, account.EnteredByUserId);
        Assert.False(account.Verify(8, "Editor", Checked).Succeeded);
        Assert.True(account.Verify(Officer, "Rosa Ccori", Checked).Succeeded);
    }
}
