// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QTextStream>

#include <functional>

class QIODevice;

namespace hb::app {

/**
 * Runs @p write into a temporary file on this computer, then copies that file to @p out. Standard output gets the
 * whole document or nothing: a read that fails part-way leaves no half-written JSON for a script to parse. Memory
 * stays flat (the copy goes in blocks); the board's read snapshot lasts only while @p write runs.
 */
storage::Status writeWhole(QTextStream &out, const std::function<storage::Status(QIODevice *)> &write);

} // namespace hb::app
