using Contests.Core.Accounts;

namespace Contests.Core.Tests.Accounts;

public sealed class UserTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc);
    private static readonly LockoutPolicy Policy = LockoutPolicy.Default;

    private static User NewUser(params Role[] roles) =>
        User.Create(UserName.Parse("jquispe"), "Juana Quispe", roles.Length == 0 ? [Role.ProjectOfficer] : roles, Now);

    [Fact]
    public void RecordFailedSignIn_FifthFailure_LocksForPolicyDuration()
    {
        var user = NewUser();
        for (var i = 1; i <= 4; i++)
        {
            Assert.False(user.RecordFailedSignIn(Now, Policy));
            Assert.False(user.IsLockedOut(Now));
        }

        Assert.True(user.RecordFailedSignIn(Now, Policy));

        Assert.True(user.IsLockedOut(Now.AddMinutes(14)));
        Assert.False(user.IsLockedOut(Now.AddMinutes(15)));
        Assert.Equal(Now + Policy.Duration, user.LockoutEndUtc);
        Assert.Equal("SignIn.LockedOut", Assert.Single(user.CanSignIn(Now).Errors).Code);
    }

    [Fact]
    public void RecordFailedSignIn_WhileLocked_DoesNotExtendTheLock()
    {
        var user = NewUser();
        for (var i = 0; i < Policy.MaxFailedAttempts; i++)
        {
            user.RecordFailedSignIn(Now, Policy);
        }
        var end = user.LockoutEndUtc;

        Assert.False(user.RecordFailedSignIn(Now.AddMinutes(5), Policy));

        Assert.Equal(end, user.LockoutEndUtc);
    }

    [Fact]
    public void RecordSuccessfulSignIn_ResetsFailuresAndRecordsTime()
    {
        var user = NewUser();
        user.RecordFailedSignIn(Now, Policy);
        user.RecordFailedSignIn(Now, Policy);
        Assert.Equal(2, user.FailedSignInCount);

        user.RecordSuccessfulSignIn(Now.AddMinutes(1));

        Assert.Equal(0, user.FailedSignInCount);
        Assert.Equal(Now.AddMinutes(1), user.LastSignInUtc);
    }

    [Fact]
    public void SetPasswordHash_ChangesSecurityStamp_UpgradeDoesNot()
    {
        var user = NewUser();
        user.SetPasswordHash("hash-1");
        var stamp = user.SecurityStamp;

        user.UpgradePasswordHash("hash-1b");
        Assert.Equal(stamp, user.SecurityStamp);

        user.SetPasswordHash("hash-2");
        Assert.NotEqual(stamp, user.SecurityStamp);
    }

    [Fact]
    public void SetRoles_ChangesStampOnlyWhenRolesChange()
    {
        var user = NewUser(Role.ProjectOfficer);
        var stamp = user.SecurityStamp;

        user.SetRoles([Role.ProjectOfficer]);
        Assert.Equal(stamp, user.SecurityStamp);

        user.SetRoles([Role.Auditor, Role.Admin, Role.Admin]);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Equal([Role.Admin, Role.Auditor], user.Roles.Select(r => r.Role).Order());
        Assert.False(user.HasRole(Role.ProjectOfficer));
    }

    [Fact]
    public void Deactivate_RefusesSignInAndChangesStamp()
    {
        var user = NewUser();
        var stamp = user.SecurityStamp;

        user.Deactivate();

        Assert.Equal("SignIn.Inactive", Assert.Single(user.CanSignIn(Now).Errors).Code);
        Assert.NotEqual(stamp, user.SecurityStamp);
        user.Activate();
        Assert.True(user.CanSignIn(Now).Succeeded);
    }

    [Fact]
    public void Unlock_ClearsLockAndCounter()
    {
        var user = NewUser();
        for (var i = 0; i < Policy.MaxFailedAttempts; i++)
        {
            user.RecordFailedSignIn(Now, Policy);
        }

        user.Unlock();

        Assert.False(user.IsLockedOut(Now));
        Assert.True(user.CanSignIn(Now).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_BlankDisplayName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => User.Create(UserName.Parse("abc"), name, [Role.Admin], Now));
}
