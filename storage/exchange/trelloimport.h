// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importplan.h"

#include <storage/result.h>

#include <QByteArray>
#include <QString>

namespace hb::storage {

/**
 * A Trello board exported as JSON (Menu > Print, export and share > Export as JSON) as HelpBoard cards: lists as
 * columns, cards in order with their labels, members, due dates, checklists, comments and attachments (as links,
 * never downloaded); archived cards archived. What HelpBoard has no place for (custom fields, stickers, power-ups)
 * is named in the plan's notes.
 */
namespace trelloimport {

/// A file bigger than this is refused before it is read, with the reason.
constexpr qint64 s_maxFileBytes = 200LL * 1024 * 1024;

/// The board in @p json; Invalid with the reason when it is none (not JSON, cut short, another tool's JSON).
Result<ImportPlan> plan(const QByteArray &json, const QString &fileName = {});
/// plan() of the file at @p path, refused beyond s_maxFileBytes.
Result<ImportPlan> readFile(const QString &path);

} // namespace trelloimport
} // namespace hb::storage
