using Contests.Core.Programmes;
using Contests.Core.Rounds;

namespace Contests.Core.Allocation;

/// <summary>
/// Which budget line pays how much of the awards, honouring the sources' restrictions: a transport
/// problem between award <i>signatures</i> (theme, district — all awards with the same signature may be
/// paid by the same lines, and a round has few) and the round's budget lines, solved exactly in
/// céntimos as a maximum flow. Awards are never looked at one by one here, so 100,000 awards cost no
/// more than their few signatures.
/// </summary>
/// <remarks>
/// Deterministic: signatures are first paid greedily — those with the fewest eligible lines first
/// (then by theme, then district), each from its eligible lines in the round's line order — and only
/// when that leaves something unpaid are shortest augmenting paths searched (breadth first, in
/// signature and line order), which move money between lines until everything is paid or it is proven
/// impossible. When it is impossible, the lines reachable from an unpaid signature form a minimum
/// cut: those lines are full, and together they are short by exactly what is unpaid.
/// </remarks>
internal sealed class FundingNetwork
{
    private readonly SourceFacts[] _sources;
    private readonly long[] _capacity;
    private readonly long[] _used;
    private readonly Dictionary<(Theme Theme, string District), int> _index = [];
    private readonly List<(Theme Theme, string District)> _signatures = [];
    private readonly List<int[]> _eligible = [];
    private readonly List<long[]> _flow = [];
    private readonly List<long> _demand = [];
    private readonly List<long> _paid = [];

    public FundingNetwork(IReadOnlyList<BudgetLine> lines, IReadOnlyDictionary<int, SourceFacts> sources)
    {
        _sources = new SourceFacts[lines.Count];
        _capacity = new long[lines.Count];
        _used = new long[lines.Count];
        for (var l = 0; l < lines.Count; l++)
        {
            _sources[l] = sources[lines[l].FundingSourceId];
            _capacity[l] = Centimos(lines[l].Amount);
        }
    }

    public int Lines => _capacity.Length;

    public int Signatures => _signatures.Count;

    public static long Centimos(decimal amount) => (long)(amount * 100m);

    public long Flow(int signature, int line) => _flow[signature][line];

    public long Used(int line) => _used[line];

    public long Unpaid(int signature) => _demand[signature] - _paid[signature];

    public int SignatureOf(Theme theme, string district)
    {
        if (_index.TryGetValue((theme, district), out var signature))
        {
            return signature;
        }
        signature = _signatures.Count;
        _index.Add((theme, district), signature);
        _signatures.Add((theme, district));
        var eligible = new List<int>(_sources.Length);
        for (var l = 0; l < _sources.Length; l++)
        {
            if (_sources[l].Allows(theme, district))
            {
                eligible.Add(l);
            }
        }
        _eligible.Add([.. eligible]);
        _flow.Add(new long[_sources.Length]);
        _demand.Add(0);
        _paid.Add(0);
        return signature;
    }

    public void AddDemand(int signature, long centimos) => _demand[signature] += centimos;

    /// <summary>Pays as much of every signature's demand as the lines allow; true when all of it is paid.</summary>
    public bool Route()
    {
        var order = Enumerable.Range(0, _signatures.Count)
            .OrderBy(s => _eligible[s].Length)
            .ThenBy(s => _signatures[s].Theme)
            .ThenBy(s => _signatures[s].District, StringComparer.Ordinal)
            .ToArray();
        foreach (var s in order)
        {
            Greedy(s);
        }
        while (AnyUnpaid())
        {
            if (!Augment())
            {
                return false;
            }
        }
        return !Unpayable().Any();
    }

    /// <summary>
    /// Adds <paramref name="centimos"/> to a signature's demand if everything asked so far can still be
    /// paid (moving earlier awards between lines if needed); otherwise leaves the network as it was.
    /// </summary>
    public bool TryReserve(int signature, long centimos)
    {
        if (_eligible[signature].Length == 0)
        {
            return centimos == 0;
        }
        var spare = 0L;
        foreach (var l in _eligible[signature])
        {
            spare += _capacity[l] - _used[l];
        }
        if (spare >= centimos)
        {
            AddDemand(signature, centimos);
            Greedy(signature);
            return true;
        }
        var flow = _flow.Select(f => (long[])f.Clone()).ToList();
        var used = (long[])_used.Clone();
        var paid = _paid.ToList();
        AddDemand(signature, centimos);
        Greedy(signature);
        while (AnyUnpaid())
        {
            if (!Augment())
            {
                _demand[signature] -= centimos;
                for (var s = 0; s < _flow.Count; s++)
                {
                    _flow[s] = flow[s];
                    _paid[s] = paid[s];
                }
                Array.Copy(used, _used, used.Length);
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// After <see cref="Route"/> failed: each group of lines that is short, in line order, with what is
    /// missing. Lines of one group are all used up and are the only ones allowed to pay the awards left
    /// unpaid. Signatures no line may pay at all are not in these groups (see <see cref="Unpayable"/>).
    /// </summary>
    public IReadOnlyList<(int[] Lines, long Short)> ShortLines()
    {
        var groups = new List<(bool[] Lines, long Short)>();
        for (var s = 0; s < _signatures.Count; s++)
        {
            var unpaid = Unpaid(s);
            if (unpaid <= 0 || _eligible[s].Length == 0)
            {
                continue;
            }
            var reached = Reach(s);
            var merged = (Lines: reached, Short: unpaid);
            for (var g = groups.Count - 1; g >= 0; g--)
            {
                if (Overlap(groups[g].Lines, merged.Lines))
                {
                    for (var l = 0; l < merged.Lines.Length; l++)
                    {
                        merged.Lines[l] |= groups[g].Lines[l];
                    }
                    merged.Short += groups[g].Short;
                    groups.RemoveAt(g);
                }
            }
            groups.Add(merged);
        }
        return [.. groups
            .Select(g => (Lines: Enumerable.Range(0, g.Lines.Length).Where(l => g.Lines[l]).ToArray(), g.Short))
            .OrderBy(g => g.Lines[0])];
    }

    /// <summary>
    /// The restrictions that bite: for each signature left unpaid (in signature order), the lines that still
    /// have money but may not pay it, with what they have left — in line order.
    /// </summary>
    public IEnumerable<(Theme Theme, string District, int Line, long Spare)> Barred()
    {
        for (var s = 0; s < _signatures.Count; s++)
        {
            if (Unpaid(s) <= 0)
            {
                continue;
            }
            foreach (var barred in BarredFor(s))
            {
                yield return barred;
            }
        }
    }

    /// <summary>The lines that still have money but may not pay <paramref name="signature"/>, with what they have left.</summary>
    public IEnumerable<(Theme Theme, string District, int Line, long Spare)> BarredFor(int signature)
    {
        for (var l = 0; l < Lines; l++)
        {
            var spare = _capacity[l] - _used[l];
            if (spare > 0 && Array.IndexOf(_eligible[signature], l) < 0)
            {
                yield return (_signatures[signature].Theme, _signatures[signature].District, l, spare);
            }
        }
    }

    /// <summary>Signatures no budget line may pay, with their demand.</summary>
    public IEnumerable<(Theme Theme, string District, long Demand)> Unpayable()
    {
        for (var s = 0; s < _signatures.Count; s++)
        {
            if (_eligible[s].Length == 0 && _demand[s] > 0)
            {
                yield return (_signatures[s].Theme, _signatures[s].District, _demand[s]);
            }
        }
    }

    public SourceFacts Source(int line) => _sources[line];

    private void Greedy(int signature)
    {
        var flow = _flow[signature];
        foreach (var l in _eligible[signature])
        {
            var unpaid = Unpaid(signature);
            if (unpaid == 0)
            {
                return;
            }
            var take = Math.Min(unpaid, _capacity[l] - _used[l]);
            if (take > 0)
            {
                flow[l] += take;
                _used[l] += take;
                _paid[signature] += take;
            }
        }
    }

    private bool AnyUnpaid()
    {
        for (var s = 0; s < _signatures.Count; s++)
        {
            if (_eligible[s].Length > 0 && Unpaid(s) > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// One shortest augmenting path from the unpaid signatures: signature → eligible line; a full line →
    /// a signature it pays (that signature gives its share of the line up and pays from another line); a
    /// line with room ends the path. False when there is none (the flow is maximal).
    /// </summary>
    private bool Augment()
    {
        const int Unvisited = -2;
        const int Root = -1;
        var lineFrom = new int[Lines];
        Array.Fill(lineFrom, Unvisited);
        var signatureFrom = new int[_signatures.Count];
        Array.Fill(signatureFrom, Unvisited);
        var queue = new Queue<int>();
        for (var s = 0; s < _signatures.Count; s++)
        {
            if (_eligible[s].Length > 0 && Unpaid(s) > 0)
            {
                signatureFrom[s] = Root;
                queue.Enqueue(s);
            }
        }
        var end = -1;
        while (end < 0 && queue.Count > 0)
        {
            var s = queue.Dequeue();
            foreach (var l in _eligible[s])
            {
                if (lineFrom[l] != Unvisited)
                {
                    continue;
                }
                lineFrom[l] = s;
                if (_capacity[l] > _used[l])
                {
                    end = l;
                    break;
                }
                for (var other = 0; other < _signatures.Count; other++)
                {
                    if (signatureFrom[other] == Unvisited && _flow[other][l] > 0)
                    {
                        signatureFrom[other] = l;
                        queue.Enqueue(other);
                    }
                }
            }
        }
        if (end < 0)
        {
            return false;
        }

        var amount = _capacity[end] - _used[end];
        for (var l = end; ;)
        {
            var s = lineFrom[l];
            var previous = signatureFrom[s];
            if (previous == Root)
            {
                amount = Math.Min(amount, Unpaid(s));
                break;
            }
            amount = Math.Min(amount, _flow[s][previous]);
            l = previous;
        }
        _used[end] += amount;
        for (var l = end; ;)
        {
            var s = lineFrom[l];
            _flow[s][l] += amount;
            var previous = signatureFrom[s];
            if (previous == Root)
            {
                _paid[s] += amount;
                break;
            }
            _flow[s][previous] -= amount;
            l = previous;
        }
        return true;
    }

    /// <summary>The lines an augmenting path from <paramref name="signature"/> could reach.</summary>
    private bool[] Reach(int signature)
    {
        var lines = new bool[Lines];
        var seen = new bool[_signatures.Count];
        var queue = new Queue<int>();
        seen[signature] = true;
        queue.Enqueue(signature);
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            foreach (var l in _eligible[s])
            {
                if (lines[l])
                {
                    continue;
                }
                lines[l] = true;
                for (var other = 0; other < _signatures.Count; other++)
                {
                    if (!seen[other] && _flow[other][l] > 0)
                    {
                        seen[other] = true;
                        queue.Enqueue(other);
                    }
                }
            }
        }
        return lines;
    }

    private static bool Overlap(bool[] a, bool[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] && b[i])
            {
                return true;
            }
        }
        return false;
    }
}
