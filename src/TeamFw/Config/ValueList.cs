// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections;
using System.Collections.Generic;

namespace TeamFw.Config;

/// <summary>
/// The read-only list behind every list the loader puts into a config record. It compares by
/// content, so the records' synthesized equality is structural (<c>oldPort == newPort</c> when a
/// reload changed nothing) and the daemon can diff-apply with plain <c>Equals</c>.
/// Lists built elsewhere (the records' default initializers) compare by reference as usual.
/// </summary>
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    public ValueList(T[] items) => _items = items;

    public static ValueList<T> Empty { get; } = new([]);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public bool Equals(ValueList<T>? other) =>
        other is not null && _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (T item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public override string ToString() => $"[{string.Join(", ", _items)}]";
}
