// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.Versioning;

// Like TeamFw.Native itself: these tests compile Linux UAPI headers and exercise Linux-only code.
[assembly: SupportedOSPlatform("linux")]
