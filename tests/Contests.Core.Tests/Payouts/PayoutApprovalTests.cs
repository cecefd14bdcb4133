using Contests.Core.Payouts;
using static Contests.Core.Tests.Payouts.PayoutBuilders;

namespace Contests.Core.Tests.Payouts;

/// <summary>Who may approve a payout, into which account, and what it keeps of that account.</summary>
public sealed class PayoutApprovalTests
{
    [Fact]
    public void Approve_ByItsCreator_IsRefused_FourEyes()
    {
        var payout = Pending();

        var result = payout.Approve(CreatorId, Account(), null, Now);

        Assert.Equal(["Payout.FourEyes"], Codes(result));
        Assert.Equal(PayoutState.Pending, payout.State);
        Assert.Null(payout.ApprovedByUserId);
        Assert.Null(payout.Cci);
    }

    [Fact]
    public void Approve_ByAnotherUser_KeepsTheAccountAsChecked()
    {
        var payout = Pending();
        var account = new PayoutAccount(91, "Caja Municipal Cusco", "106-01-0012345", "80312300010601234567", "Asociación Ñawpa Ayllu", true, true);

        Succeeds(payout.Approve(OfficerId, account, null, Now));

        Assert.Equal(PayoutState.Approved, payout.State);
        Assert.Equal((91, "Caja Municipal Cusco", "106-01-0012345", "80312300010601234567", "Asociación Ñawpa Ayllu"),
            (payout.BankAccountId!.Value, payout.BankName, payout.AccountNumber, payout.Cci, payout.CreditorName));
        // The beneficiary stays as the round knows it; the creditor is the bank's holder name.
        Assert.Equal("María Quispe Ñaupari", payout.BeneficiaryName);
    }

    [Fact]
    public void Approve_IntoAnUnverifiedAccount_IsRefused_AccountNotVerified()
    {
        var payout = Pending();

        var result = payout.Approve(OfficerId, Account(verified: false), null, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Payout.AccountNotVerified", error.Code);
        Assert.Equal(["María Quispe Ñaupari", "01812300041234567890"], error.Arguments);
        Assert.Equal(PayoutState.Pending, payout.State);
        Assert.Null(payout.BankAccountId);
    }

    [Fact]
    public void Refusal_NamesAHouseholdGivenNameFirst_AsItIsSaidToAPerson_AndAnOrganizationAsItIs()
    {
        var household = Pending(name: "Quispe Ñaupari, María").Approve(OfficerId, Account(verified: false), null, Now);
        var organization = Pending(name: "Asociación Virgen del Carmen").Approve(OfficerId, Account(verified: false), null, Now);

        Assert.Equal("María Quispe Ñaupari", Assert.Single(household.Errors).Arguments[0]);
        Assert.Equal("Asociación Virgen del Carmen", Assert.Single(organization.Errors).Arguments[0]);
    }

    [Fact]
    public void Approve_IntoAnInactiveAccount_IsRefused_AccountInactive()
    {
        var payout = Pending();

        Assert.Equal(["Payout.AccountInactive"], Codes(payout.Approve(OfficerId, Account(active: false), null, Now)));
        Assert.Equal(PayoutState.Pending, payout.State);
    }

    [Theory]
    [InlineData(PayoutMethod.BankTransfer)]
    [InlineData(PayoutMethod.SavingsDeposit)]
    public void Approve_ToABankWithoutAnAccount_IsRefused_NoAccount(PayoutMethod method)
    {
        var payout = Pending(method: method);

        Assert.Equal(["Payout.NoAccount"], Codes(payout.Approve(OfficerId, null, null, Now)));
        Assert.Equal(PayoutState.Pending, payout.State);
    }

    [Fact]
    public void Approve_Cash_NeedsNoAccount_AndKeepsNone()
    {
        var payout = Pending(method: PayoutMethod.Cash);

        Succeeds(payout.Approve(OfficerId, null, null, Now));

        Assert.Equal(PayoutState.Approved, payout.State);
        Assert.Null(payout.BankAccountId);
        Assert.Null(payout.Cci);
    }

    [Fact]
    public void Approve_Cash_IgnoresAnUnverifiedAccountOnFile()
    {
        var payout = Pending(method: PayoutMethod.Cash);

        Succeeds(payout.Approve(OfficerId, Account(verified: false), null, Now));

        Assert.Null(payout.Cci);
    }

    [Fact]
    public void Approve_Cash_ByItsCreator_IsStillRefused()
    {
        var payout = Pending(method: PayoutMethod.Cash);

        Assert.Equal(["Payout.FourEyes"], Codes(payout.Approve(CreatorId, null, null, Now)));
    }

    [Fact]
    public void Approve_ByTheCreator_IntoAnUnverifiedAccount_GivesBothReasons()
    {
        var payout = Pending();

        var result = payout.Approve(CreatorId, Account(verified: false), null, Now);

        Assert.Equal(["Payout.FourEyes", "Payout.AccountNotVerified"], Codes(result));
        Assert.Equal(PayoutState.Pending, payout.State);
    }

    [Fact]
    public void Approve_ByTheCreator_WithoutAnAccount_GivesBothReasons()
    {
        var payout = Pending();

        Assert.Equal(["Payout.FourEyes", "Payout.NoAccount"], Codes(payout.Approve(CreatorId, null, null, Now)));
    }

    [Theory]
    [InlineData("Rosa\0Quispe")]
    [InlineData("Rosa\u0001Quispe")]
    [InlineData("Rosa{D800}Quispe")]
    public void Approve_AHolderNameAnXmlFileCannotPrint_IsRefused_AtApprovalNotInTheBatch(string holder)
    {
        var payout = Pending();

        var result = payout.Approve(OfficerId, Account(holder: Common.Chars.Of(holder)), null, Now);

        Assert.Equal(["Payout.Unprintable"], Codes(result));
        Assert.Equal(PayoutState.Pending, payout.State);
        Assert.Null(payout.CreditorName);
    }
}
