// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.Versioning;

// Like TeamFw itself: the code under test is Linux-only (CA1416). The attribute allows repeats,
// so other test folders may declare it as well.
[assembly: SupportedOSPlatform("linux")]
