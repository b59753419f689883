// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Control;

/// <summary>What one attribute type must look like (struct nla_policy, reduced to what these families use).</summary>
public readonly record struct AttrRule(string Name, NlaType Type, int MaxLen = 0, AttrPolicy? Nested = null);

/// <summary>
/// One attribute set's policy (a YNL attribute-set): rules indexed by type. Types above the set's
/// maximum are ignored on input (GENL_DONT_VALIDATE_STRICT), as the kernel's liberal parsing does.
/// </summary>
public sealed class AttrPolicy
{
    private AttrRule[] _rules = [];

    public AttrPolicy(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public int MaxType => _rules.Length - 1;

    /// <summary>Fills the rules once (sets may refer to each other, so they are built first and filled after).</summary>
    public AttrPolicy Define(params (ushort Type, AttrRule Rule)[] rules)
    {
        int max = 0;
        foreach ((ushort t, _) in rules)
        {
            max = Math.Max(max, t);
        }

        var table = new AttrRule[max + 1];
        foreach ((ushort t, AttrRule r) in rules)
        {
            table[t] = r;
        }

        _rules = table;
        return this;
    }

    public bool TryGetRule(ushort type, out AttrRule rule)
    {
        if (type < _rules.Length && _rules[type].Name is not null)
        {
            rule = _rules[type];
            return true;
        }

        rule = default;
        return false;
    }
}
