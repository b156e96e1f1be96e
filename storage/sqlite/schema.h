// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QList>
#include <QString>

#include <functional>

namespace hb::storage {

class Connection;

/// The board file's schema: creation, recognition and forward migration.
namespace schema {

/// PRAGMA application_id of every HelpBoard file ("HBrd").
constexpr int s_applicationId = 0x48427264;
/// PRAGMA user_version this program writes and reads.
constexpr int s_currentVersion = 10;

/// One migration step from schema version `from` to `from + 1`; runs inside a write transaction.
struct MigrationStep
{
    int from = 0;
    std::function<Status(Connection &)> apply;
};

/// The steps this program knows: 1 -> 2 adds checklist templates (with the ones HelpBoard ships), 2 -> 3 gives the
/// board its UUID (meta `board_uuid`), 3 -> 4 adds the service levels and the waiting statuses, 4 -> 5 the escalation
/// targets and the cards' escalations, 5 -> 6 the "resolved at first contact" tick, 6 -> 7 the metrics' SQL views, 7 ->
/// 8 the metrics' cache of resolved tickets (metriccache.cpp), 8 -> 9 the knowledge base (articles, their labels, the
/// cards linked to them, their full-text index), 9 -> 10 where imported cards came from (card_sources).
QList<MigrationStep> migrationSteps();

/// Creates the current schema in an empty database, in one transaction.
Status create(Connection &connection, const QString &boardName, const QString &creatorLogin, qint64 now);

/// Reads application_id and user_version: NotABoard for foreign or empty files, TooNew for newer schemas.
Result<int> detectVersion(Connection &connection);

/**
 * Brings a board at @p fromVersion up to @p targetVersion: first a `VACUUM INTO` backup at @p backupPath, then
 * each step in its own transaction which also sets user_version. A failing step leaves the file at the last good
 * version and returns its error.
 */
Status migrate(Connection &connection, int fromVersion, int targetVersion, const QList<MigrationStep> &steps,
               const QString &backupPath);

/// The statements that create schema v1, in order (exposed for the migration tests).
QStringList v1Statements();
/// The statements that turn a v1 board into v2 (checklist templates), in order.
QStringList v2Statements();
/// The statements that add escalation targets and escalations (v5), in order.
QStringList v5Statements();
/// The statements that add the metrics' SQL views (v7: metrics_tickets and the views over it), in order.
QStringList v7Statements();
/// The statements that add the metrics' cache (v8: the table and the trigger that keeps it from going stale).
QStringList v8Statements();
/// The statements that add the knowledge base (v9), in order.
QStringList v9Statements();
/// The statements that add where imported cards came from (v10).
QStringList v10Statements();
/// The meta key of the board's UUID (schema v3): which board a drag payload comes from. A copy of the file (Save a
/// Copy, a backup) keeps it: it is a copy of the same board.
constexpr const char16_t *s_boardUuidKey = u"board_uuid";
/// Gives a board without one a fresh UUID (the step 2 -> 3, and new boards).
Status addBoardUuid(Connection &connection);
/// Schema v4's service_levels row (the step 3 -> 4, after widening the cards' status CHECK, and new boards), its
/// calendar in this desktop's time zone (UTC when that has no name every desktop reads), made by @p login.
Status addServiceLevels(Connection &connection, const QString &login, qint64 now);
/// The presence table (who has the board open), made if missing: outside the schema version, see schema.cpp.
QStringList presenceStatements();
/// Adds the checklist templates HelpBoard ships (Software install, New hire set-up, ...), recorded as made by
/// @p login at @p now; names a board already has are left alone.
Status addShippedTemplates(Connection &connection, const QString &login, qint64 now);

} // namespace schema
} // namespace hb::storage
