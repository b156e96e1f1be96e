// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report.h"

#include <QString>

#include <optional>

/// How the metrics read for people, the same in the dashboard, its reports and `helpboard-cli report`.
namespace hb::board::metrics {

/// "45m", "1h 20m", "3d 4h"; "no data" without a value.
QString durationText(const std::optional<qint64> &ms);
/// "87.5%"; "no data" without a value.
QString percentText(const std::optional<double> &value);
/// "87.5% (7 of 8)"; "no data" when there are none to count.
QString shareText(const Share &share);
/// The backlog's age bins (s_ageBins), short for a chart: "< 1 d", "1-3 d", ...
QString ageBinText(int bin);
/// The resolution-time bins (s_resolutionBins), short for a chart: "< 1 h", "1-4 h", ...
QString resolutionBinText(int bin);
/// A login as a technician: the login itself, or "Unassigned" for "".
QString technicianText(const QString &login);

} // namespace hb::board::metrics
