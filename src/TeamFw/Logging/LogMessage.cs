// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace TeamFw.Logging;

/// <summary>
/// The text of one log event, built from an interpolated string only when the logger takes the
/// event's level (the check LoggerMessage-generated code makes first), with invariant formatting.
/// </summary>
[InterpolatedStringHandler]
internal ref struct LogMessage
{
    private DefaultInterpolatedStringHandler _text;

    public LogMessage(int literalLength, int formattedCount, ILogger log, LogLevel level, out bool enabled)
    {
        enabled = log.IsEnabled(level);
        Enabled = enabled;
        _text = enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
    }

    public bool Enabled { get; }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public string ToStringAndClear() => _text.ToStringAndClear();
}
