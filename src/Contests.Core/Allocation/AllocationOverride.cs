namespace Contests.Core.Allocation;

/// <summary>
/// The LRAC's decision to give an entry another amount than the rule computed (docs/architecture.md#rules-allocation: only with a
/// recorded reason, shown in the acta). The amount is the committee's: the cap per competitor and the
/// overflow rule don't change it, but the round's budget still binds — see <see cref="Allocator.Allocate"/>.
/// </summary>
public sealed record AllocationOverride(int EntryId, decimal Amount, string Reason);
