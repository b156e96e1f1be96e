// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

#include "connection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <QScopeGuard>
#include <QSqlRecord>
#include <QTimeZone>

#include <algorithm>

namespace hb::storage::schema {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::schema", text);
}

// Times are UTC milliseconds since the epoch. Mutable rows carry `version` for compare-and-swap; deletes are
// tombstones (`deleted_at`) so other clients and undo still see them.
constexpr const char16_t *s_v1[] = {
        uR"(CREATE TABLE meta (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL))",
        uR"(CREATE TABLE boards (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1))",
        uR"(CREATE TABLE members (
        login TEXT PRIMARY KEY NOT NULL,
        display_name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
        added_at INTEGER NOT NULL,
        added_by TEXT NOT NULL,
        deleted_at INTEGER,
        version INTEGER NOT NULL DEFAULT 1))",
        uR"(CREATE TABLE columns (
        id INTEGER PRIMARY KEY,
        board_id INTEGER NOT NULL REFERENCES boards(id),
        name TEXT NOT NULL,
        rank TEXT NOT NULL,
        wip_limit INTEGER NOT NULL DEFAULT 0 CHECK (wip_limit >= 0),
        kind TEXT NOT NULL CHECK (kind IN ('todo', 'doing', 'done')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        version INTEGER NOT NULL DEFAULT 1))",
        uR"(CREATE TABLE cards (
        id INTEGER PRIMARY KEY,
        board_id INTEGER NOT NULL REFERENCES boards(id),
        column_id INTEGER NOT NULL REFERENCES columns(id),
        rank TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('critical', 'high', 'normal', 'low')),
        status TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'in-progress', 'needs-review', 'blocked')),
        assignee TEXT NOT NULL DEFAULT '',
        requester TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT ''
            CHECK (channel IN ('', 'email', 'phone', 'chat', 'walk-in', 'portal', 'monitoring')),
        due_at INTEGER,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        started_at INTEGER,
        first_response_at INTEGER,
        first_response_by TEXT,
        resolved_at INTEGER,
        resolved_by TEXT,
        escalated_at INTEGER,
        escalated_by TEXT,
        archived_at INTEGER,
        archived_by TEXT,
        deleted_at INTEGER,
        deleted_by TEXT,
        version INTEGER NOT NULL DEFAULT 1))",
        u"CREATE INDEX cards_by_column ON cards(column_id, rank)",
        u"CREATE INDEX cards_by_due ON cards(due_at) WHERE deleted_at IS NULL AND archived_at IS NULL",
        u"CREATE INDEX cards_by_assignee ON cards(assignee) WHERE deleted_at IS NULL",
        uR"(CREATE TABLE labels (
        id INTEGER PRIMARY KEY,
        board_id INTEGER NOT NULL REFERENCES boards(id),
        name TEXT NOT NULL,
        color TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER,
        version INTEGER NOT NULL DEFAULT 1))",
        u"CREATE UNIQUE INDEX labels_unique_name ON labels(board_id, name COLLATE NOCASE) WHERE deleted_at IS NULL",
        uR"(CREATE TABLE card_labels (
        card_id INTEGER NOT NULL REFERENCES cards(id),
        label_id INTEGER NOT NULL REFERENCES labels(id),
        added_at INTEGER NOT NULL,
        added_by TEXT NOT NULL,
        PRIMARY KEY (card_id, label_id)))",
        u"CREATE INDEX card_labels_by_label ON card_labels(label_id)",
        uR"(CREATE TABLE checklist_items (
        id INTEGER PRIMARY KEY,
        card_id INTEGER NOT NULL REFERENCES cards(id),
        text TEXT NOT NULL,
        done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
        rank TEXT NOT NULL,
        done_at INTEGER,
        done_by TEXT,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        deleted_at INTEGER,
        version INTEGER NOT NULL DEFAULT 1))",
        u"CREATE INDEX checklist_by_card ON checklist_items(card_id, rank)",
        uR"(CREATE TABLE comments (
        id INTEGER PRIMARY KEY,
        card_id INTEGER NOT NULL REFERENCES cards(id),
        author TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        edited_at INTEGER,
        deleted_at INTEGER,
        version INTEGER NOT NULL DEFAULT 1))",
        u"CREATE INDEX comments_by_card ON comments(card_id, created_at)",
        uR"(CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        card_id INTEGER NOT NULL REFERENCES cards(id),
        kind TEXT NOT NULL CHECK (kind IN ('file', 'link')),
        name TEXT NOT NULL,
        link_path TEXT,
        sha256 TEXT,
        size INTEGER NOT NULL DEFAULT 0,
        mime_type TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL CHECK (state IN ('uploading', 'ready', 'deleted')),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        deleted_at INTEGER,
        deleted_by TEXT,
        version INTEGER NOT NULL DEFAULT 1))",
        u"CREATE INDEX attachments_by_card ON attachments(card_id)",
        u"CREATE INDEX attachments_by_hash ON attachments(sha256)",
        // Content-addressed chunks: attachments with the same SHA-256 share them (deduplication).
        uR"(CREATE TABLE attachment_chunks (
        sha256 TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (sha256, seq)))",
        uR"(CREATE TABLE operations (
        op_id TEXT PRIMARY KEY NOT NULL,
        client TEXT NOT NULL,
        actor TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        result INTEGER))",
        uR"(CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        card_id INTEGER,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}'))",
        u"CREATE INDEX events_by_card ON events(card_id, seq)",
        // Full-text index over what people search for; rowid = card id, rebuilt per card on each change.
        uR"(CREATE VIRTUAL TABLE cards_fts USING fts5(
        title, description, comments, checklist, tokenize = 'unicode61 remove_diacritics 2'))",
};

// v2: checklist templates, board-wide. The items are a JSON array of strings, in order.
constexpr const char16_t *s_v2[] = {
        uR"(CREATE TABLE checklist_templates (
        id INTEGER PRIMARY KEY,
        board_id INTEGER NOT NULL REFERENCES boards(id),
        name TEXT NOT NULL,
        items TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        deleted_at INTEGER,
        version INTEGER NOT NULL DEFAULT 1))",
        u"CREATE UNIQUE INDEX checklist_templates_unique_name ON checklist_templates(board_id, name COLLATE NOCASE) "
        u"WHERE deleted_at IS NULL",
};

// v4: the service levels (one row: the policy and the business calendar, as JSON objects that board/sla reads; a
// key not there takes its default), and two statuses that pause the resolution clock (the cards table's CHECK is
// widened in place: widenStatuses()).
constexpr const char16_t *s_v4[] = {
        uR"(CREATE TABLE service_levels (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        policy TEXT NOT NULL DEFAULT '{}',
        calendar TEXT NOT NULL DEFAULT '{}',
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1))",
};

// v5: escalation to a second line or a vendor. The targets are the board's (admins keep the list); each escalation
// of a card is a row of its own, kept when it ends (taken back, or handed to another target), so the history of who
// had a ticket, the vendor's case number and when the vendor answered stay for the metrics. A card has at most one
// open escalation. cards.escalated_at and escalated_by (schema 1) follow the open one.
constexpr const char16_t *s_v5[] = {
        uR"(CREATE TABLE escalation_targets (
        id INTEGER PRIMARY KEY,
        board_id INTEGER NOT NULL REFERENCES boards(id),
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('second-line', 'vendor')),
        contact TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        deleted_at INTEGER,
        version INTEGER NOT NULL DEFAULT 1))",
        u"CREATE UNIQUE INDEX escalation_targets_unique_name ON escalation_targets(board_id, name COLLATE NOCASE) "
        u"WHERE deleted_at IS NULL",
        uR"(CREATE TABLE escalations (
        id INTEGER PRIMARY KEY,
        card_id INTEGER NOT NULL REFERENCES cards(id),
        target_id INTEGER NOT NULL REFERENCES escalation_targets(id),
        reference TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        escalated_at INTEGER NOT NULL,
        escalated_by TEXT NOT NULL,
        acknowledged_at INTEGER,
        acknowledged_by TEXT,
        vendor_resolved_at INTEGER,
        vendor_resolved_by TEXT,
        ended_at INTEGER,
        ended_by TEXT))",
        u"CREATE INDEX escalations_by_card ON escalations(card_id, id)",
        u"CREATE UNIQUE INDEX escalations_open ON escalations(card_id) WHERE ended_at IS NULL",
};

// v6: "resolved at first contact", ticked by whoever resolves a ticket (the metrics' first-contact resolution; a
// ticket without the tick is judged by the stated rule, docs/metrics.md).
constexpr const char16_t *s_v6[] = {
        u"ALTER TABLE cards ADD COLUMN first_contact INTEGER NOT NULL DEFAULT 0 CHECK (first_contact IN (0, 1))",
};

// v9: the knowledge base. Articles are board-wide (labels are the board's, the template one of its checklist
// templates); a card "solved with" an article links to it, and the link stays when the article is deleted (a
// tombstone), so the card and its history still name it. The full-text index is the cards' machinery: rowid =
// article id, rebuilt per article on each change.
constexpr const char16_t *s_v9[] = {
        uR"(CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        board_id INTEGER NOT NULL REFERENCES boards(id),
        title TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        template_id INTEGER REFERENCES checklist_templates(id),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        deleted_at INTEGER,
        version INTEGER NOT NULL DEFAULT 1))",
        uR"(CREATE TABLE article_labels (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        label_id INTEGER NOT NULL REFERENCES labels(id),
        PRIMARY KEY (article_id, label_id)))",
        u"CREATE INDEX article_labels_by_label ON article_labels(label_id)",
        uR"(CREATE TABLE card_articles (
        card_id INTEGER NOT NULL REFERENCES cards(id),
        article_id INTEGER NOT NULL REFERENCES articles(id),
        linked_at INTEGER NOT NULL,
        linked_by TEXT NOT NULL,
        PRIMARY KEY (card_id, article_id)))",
        u"CREATE INDEX card_articles_by_article ON card_articles(article_id)",
        uR"(CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, labels, tokenize = 'unicode61 remove_diacritics 2'))",
        // An attachment is a card's or an article's: the table is made again with card_id optional (SQLite cannot
        // drop a NOT NULL), the same rows and ids; the chunks (by SHA-256) are untouched.
        uR"(CREATE TABLE attachments_v9 (
        id INTEGER PRIMARY KEY,
        card_id INTEGER REFERENCES cards(id),
        kind TEXT NOT NULL CHECK (kind IN ('file', 'link')),
        name TEXT NOT NULL,
        link_path TEXT,
        sha256 TEXT,
        size INTEGER NOT NULL DEFAULT 0,
        mime_type TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL CHECK (state IN ('uploading', 'ready', 'deleted')),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        deleted_at INTEGER,
        deleted_by TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        article_id INTEGER REFERENCES articles(id),
        CHECK ((card_id IS NULL) <> (article_id IS NULL))))",
        u"INSERT INTO attachments_v9 (id, card_id, kind, name, link_path, sha256, size, mime_type, state, created_at, "
        u"created_by, deleted_at, deleted_by, version) SELECT id, card_id, kind, name, link_path, sha256, size, "
        u"mime_type, state, created_at, created_by, deleted_at, deleted_by, version FROM attachments",
        u"DROP TABLE attachments",
        u"ALTER TABLE attachments_v9 RENAME TO attachments",
        u"CREATE INDEX attachments_by_card ON attachments(card_id)",
        u"CREATE INDEX attachments_by_hash ON attachments(sha256)",
        u"CREATE INDEX attachments_by_article ON attachments(article_id) WHERE article_id IS NOT NULL",
};

// v10: where imported cards came from (a Trello board, a help desk's CSV, another HelpBoard file), by their id
// there, with a digest of what they were when imported: importing the same source again updates or leaves them
// instead of making them twice. A deleted card's row stays (its card is a tombstone) and the readers leave it out.
constexpr const char16_t *s_v10[] = {
        uR"(CREATE TABLE card_sources (
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        card_id INTEGER NOT NULL REFERENCES cards(id),
                fingerprint TEXT NOT NULL DEFAULT '',
        fields TEXT NOT NULL DEFAULT '{}',
        imported_at INTEGER NOT NULL,
        PRIMARY KEY (source, source_id)))",
        u"CREATE INDEX card_sources_by_card ON card_sources(card_id)",
};

// Who has the board open. One row per open window (session), refreshed by its heartbeat; not history, so never
// in events. Not part of the schema version: programs that do not know it leave it alone, so a board gets it with
// its first heartbeat without locking out colleagues on an older HelpBoard. Rows of windows that ended without
// saying so (a crash, a laptop closed) go once stale.
constexpr const char16_t *s_presence[] = {
        uR"(CREATE TABLE IF NOT EXISTS presence (
        session TEXT PRIMARY KEY,
        login TEXT NOT NULL,
        card_id INTEGER,
        started_at INTEGER NOT NULL,
        seen_at INTEGER NOT NULL))",
};

QStringList statements(const auto &list)
{
    QStringList result;
    for (const char16_t *statement : list)
        result << QString::fromUtf16(statement);
    return result;
}

Status runAll(Connection &connection, const QStringList &list)
{
    for (const QString &statement : list) {
        if (auto result = connection.run(statement); !result)
            return result.error();
    }
    return {};
}

Status migrate1to2(Connection &connection)
{
    if (auto created = runAll(connection, v2Statements()); !created)
        return created;
    return addShippedTemplates(connection, QStringLiteral("helpboard"), QDateTime::currentMSecsSinceEpoch());
}

Status migrate2to3(Connection &connection)
{
    return addBoardUuid(connection);
}

/// The cards' status CHECK as schema 1 wrote it, and as schema 4 has it.
constexpr const char16_t *s_narrowStatuses = u"CHECK (status IN ('', 'in-progress', 'needs-review', 'blocked'))";
constexpr const char16_t *s_wideStatuses =
        u"CHECK (status IN ('', 'in-progress', 'needs-review', 'blocked', 'waiting-requester', 'waiting-vendor'))";

/**
 * The cards' status CHECK takes the waiting statuses. SQLite cannot alter a CHECK; it documents changing the
 * table's text in sqlite_master for exactly this (a constraint that only widens: every row already meets it), in
 * the same transaction as the schema cookie's increment, without touching a row. Refused unless the text is the
 * one schema 1 wrote.
 */
Status widenStatuses(Connection &connection)
{
    const QString before = QString::fromUtf16(s_narrowStatuses);
    const QString after = QString::fromUtf16(s_wideStatuses);
    auto cookie = connection.scalar(QStringLiteral("PRAGMA schema_version"));
    if (!cookie)
        return cookie.error();
    if (auto writable = connection.run(QStringLiteral("PRAGMA writable_schema = ON")); !writable)
        return writable.error();
    // A pragma is not rolled back with the transaction: off again whatever happens.
    auto offAgain =
            qScopeGuard([&connection] { (void)connection.run(QStringLiteral("PRAGMA writable_schema = OFF")); });
    auto changed = connection.run(QStringLiteral("UPDATE sqlite_master SET sql = replace(sql, :before, :after) "
                                                 "WHERE type = 'table' AND name = 'cards' AND instr(sql, :before) > 0"),
                                  {{QStringLiteral(":before"), before}, {QStringLiteral(":after"), after}});
    // The cookie moves on (an integer of our own, not user text), so every connection reads the schema again.
    auto bumped = changed && *changed == 1
                          ? connection.run(QStringLiteral("PRAGMA schema_version = %1").arg(cookie->toLongLong() + 1))
                          : Result<int>(0);
    offAgain.dismiss();
    auto readOnly = connection.run(QStringLiteral("PRAGMA writable_schema = OFF"));
    if (!changed)
        return changed.error();
    if (*changed != 1)
        return Error{ErrorKind::Corrupt, tr("the cards table is not as HelpBoard made it; the file was not changed")};
    if (!bumped)
        return bumped.error();
    if (!readOnly)
        return readOnly.error();
    // The schema read again, with the new text: a mistake in it fails here, and the transaction rolls it all back.
    if (auto reread = connection.scalar(QStringLiteral("SELECT count(*) FROM cards")); !reread)
        return reread.error();
    return {};
}

Status migrate3to4(Connection &connection)
{
    if (auto widened = widenStatuses(connection); !widened)
        return widened;
    return addServiceLevels(connection, QStringLiteral("helpboard"), QDateTime::currentMSecsSinceEpoch());
}

/**
 * Cards escalated before there were targets said only who escalated them and when: they become escalations to a
 * target "Second line", made for them (what escalating meant then), so that nothing they recorded is lost and each
 * one can be taken back or handed on like any other.
 */
Status migrate4to5(Connection &connection)
{
    if (auto created = runAll(connection, statements(s_v5)); !created)
        return created;
    auto escalated = connection.scalar(QStringLiteral("SELECT count(*) FROM cards WHERE escalated_at IS NOT NULL"));
    if (!escalated)
        return escalated.error();
    if (escalated->toInt() == 0)
        return {};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto target = connection.insert(
            QStringLiteral("INSERT INTO escalation_targets (board_id, name, kind, notes, created_at, created_by, "
                           "updated_at, updated_by) VALUES (1, :name, 'second-line', :notes, :now, 'helpboard', :now, "
                           "'helpboard')"),
            {{QStringLiteral(":name"), tr("Second line")},
             {QStringLiteral(":notes"), tr("Made when the board was upgraded, for the cards escalated before "
                                           "escalations named a target.")},
             {QStringLiteral(":now"), now}});
    if (!target)
        return target.error();
    auto moved = connection.run(
            QStringLiteral("INSERT INTO escalations (card_id, target_id, escalated_at, escalated_by) "
                           "SELECT id, :target, escalated_at, coalesce(escalated_by, updated_by) FROM cards "
                           "WHERE escalated_at IS NOT NULL ORDER BY id"),
            {{QStringLiteral(":target"), *target}});
    if (!moved)
        return moved.error();
    // What was archived or deleted escalated is done with: its escalation ended then (kept, and not open on a card no
    // one sees, where it would keep the target from being removed).
    auto ended = connection.run(QStringLiteral(
            "UPDATE escalations SET ended_at = (SELECT coalesce(deleted_at, archived_at) FROM cards WHERE cards.id = "
            "escalations.card_id), ended_by = 'helpboard' WHERE card_id IN (SELECT id FROM cards WHERE deleted_at IS "
            "NOT NULL OR archived_at IS NOT NULL)"));
    if (!ended)
        return ended.error();
    auto cards = connection.run(QStringLiteral("UPDATE cards SET escalated_at = NULL, escalated_by = NULL WHERE "
                                               "deleted_at IS NOT NULL OR archived_at IS NOT NULL"));
    if (!cards)
        return cards.error();
    return {};
}

Status migrate5to6(Connection &connection)
{
    return runAll(connection, statements(s_v6));
}

Status migrate6to7(Connection &connection)
{
    return runAll(connection, v7Statements());
}

Status migrate7to8(Connection &connection)
{
    return runAll(connection, v8Statements());
}

Status migrate8to9(Connection &connection)
{
    return runAll(connection, v9Statements());
}

Status migrate9to10(Connection &connection)
{
    return runAll(connection, v10Statements());
}

} // namespace

Status addBoardUuid(Connection &connection)
{
    auto added = connection.run(QStringLiteral("INSERT OR IGNORE INTO meta (key, value) VALUES (:key, :value)"),
                                {{QStringLiteral(":key"), QString::fromUtf16(s_boardUuidKey)},
                                 {QStringLiteral(":value"), QUuid::createUuid().toString(QUuid::WithoutBraces)}});
    if (!added)
        return added.error();
    return {};
}

QStringList v2Statements()
{
    return statements(s_v2);
}

QStringList v5Statements()
{
    return statements(s_v5);
}

Status addServiceLevels(Connection &connection, const QString &login, qint64 now)
{
    if (auto created = runAll(connection, statements(s_v4)); !created)
        return created;
    // The desk's time zone is this desktop's until an admin says otherwise: written down, so that every desktop
    // counts business hours in the same one.
    // (UTC when this desktop's own is not a zone every desktop can read by name.)
    const QByteArray zone = QTimeZone::systemTimeZoneId();
    const QJsonObject calendar{
            {QStringLiteral("time_zone"), QTimeZone(zone).isValid() ? QString::fromUtf8(zone) : QStringLiteral("UTC")}};
    auto inserted = connection.run(
            QStringLiteral("INSERT INTO service_levels (id, policy, calendar, updated_at, updated_by) "
                           "VALUES (1, '{}', :calendar, :now, :login)"),
            {{QStringLiteral(":calendar"), QString::fromUtf8(QJsonDocument(calendar).toJson(QJsonDocument::Compact))},
             {QStringLiteral(":now"), now},
             {QStringLiteral(":login"), login}});
    if (!inserted)
        return inserted.error();
    return {};
}

QStringList v9Statements()
{
    return statements(s_v9);
}

QStringList v10Statements()
{
    return statements(s_v10);
}

QStringList presenceStatements()
{
    return statements(s_presence);
}

Status addShippedTemplates(Connection &connection, const QString &login, qint64 now)
{
    // What a help desk does again and again; teams change them or add their own.
    const std::pair<QString, QStringList> shipped[] = {
            {tr("Software install"),
             {tr("Check the licence is available"), tr("Download the installer from the software share"),
              tr("Install and activate"), tr("Test with the user"), tr("Show the user the basics")}},
            {tr("New hire set-up"),
             {tr("Create the account and mailbox"), tr("Add to the team's groups and shares"),
              tr("Prepare the laptop (image, updates, encryption)"), tr("Set up phone and MFA"),
              tr("Hand over equipment and sign the asset form"), tr("Walk through first login with the new hire")}},
            {tr("Password reset"),
             {tr("Verify the caller's identity"), tr("Reset the password and require a change at next login"),
              tr("Unlock the account if locked"), tr("Confirm the user can sign in")}},
            {tr("Printer troubleshooting"),
             {tr("Check power, cables and network"), tr("Check paper, toner and jams"), tr("Clear the print queue"),
              tr("Print a test page"), tr("Update or reinstall the driver")}},
    };
    for (const auto &[name, items] : shipped) {
        auto inserted = connection.run(
                QStringLiteral("INSERT INTO checklist_templates (board_id, name, items, created_at, created_by, "
                               "updated_at, updated_by) SELECT 1, :name, :items, :now, :login, :now, :login "
                               "WHERE NOT EXISTS (SELECT 1 FROM checklist_templates WHERE name = :name "
                               "COLLATE NOCASE AND deleted_at IS NULL)"),
                {{QStringLiteral(":name"), name},
                 {QStringLiteral(":items"),
                  QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact))},
                 {QStringLiteral(":now"), now},
                 {QStringLiteral(":login"), login}});
        if (!inserted)
            return inserted.error();
    }
    return {};
}

QStringList v1Statements()
{
    return statements(s_v1);
}

QList<MigrationStep> migrationSteps()
{
    return {MigrationStep{1, migrate1to2}, MigrationStep{2, migrate2to3}, MigrationStep{3, migrate3to4},
            MigrationStep{4, migrate4to5}, MigrationStep{5, migrate5to6}, MigrationStep{6, migrate6to7},
            MigrationStep{7, migrate7to8}, MigrationStep{8, migrate8to9}, MigrationStep{9, migrate9to10}};
}

Status create(Connection &connection, const QString &boardName, const QString &creatorLogin, qint64 now)
{
    return connection.write([&]() -> Status {
        auto existing = connection.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master"));
        if (!existing)
            return existing.error();
        if (existing->toInt() > 0)
            return Error{ErrorKind::Invalid,
                         tr("%1 already holds a database; nothing was changed").arg(connection.path())};
        // A new board gets every version's statements at once.
        QStringList v1 = v1Statements();
        v1.replaceInStrings(QString::fromUtf16(s_narrowStatuses), QString::fromUtf16(s_wideStatuses));
        for (const QStringList &list : {v1, v2Statements(), v5Statements(), statements(s_v6), v7Statements(),
                                        v8Statements(), v9Statements(), v10Statements(), presenceStatements()}) {
            if (auto result = runAll(connection, list); !result)
                return result;
        }
        const QString nowText = QString::number(now);
        const std::pair<const char16_t *, QString> metaRows[] = {
                {u"created_at", nowText},
                {u"created_by", creatorLogin},
                {u"min_program_version", QStringLiteral(HELPBOARD_VERSION)},
                {u"default_role", QStringLiteral("editor")},
                {u"attachment_limit_bytes", QString::number(100LL * 1024 * 1024)},
                {u"last_check_at", nowText},
        };
        for (const auto &[key, value] : metaRows) {
            auto inserted = connection.run(
                    QStringLiteral("INSERT INTO meta (key, value) VALUES (:key, :value)"),
                    {{QStringLiteral(":key"), QString::fromUtf16(key)}, {QStringLiteral(":value"), value}});
            if (!inserted)
                return inserted.error();
        }
        auto board = connection.run(QStringLiteral("INSERT INTO boards (id, name, created_at, created_by) "
                                                   "VALUES (1, :name, :now, :login)"),
                                    {{QStringLiteral(":name"), boardName},
                                     {QStringLiteral(":now"), now},
                                     {QStringLiteral(":login"), creatorLogin}});
        if (!board)
            return board.error();
        if (auto uuid = addBoardUuid(connection); !uuid)
            return uuid;
        // The login that creates a board is its admin, in the same transaction as the board itself.
        if (auto templates = addShippedTemplates(connection, creatorLogin, now); !templates)
            return templates;
        if (auto levels = addServiceLevels(connection, creatorLogin, now); !levels)
            return levels;
        auto admin = connection.run(QStringLiteral("INSERT INTO members (login, role, added_at, added_by) "
                                                   "VALUES (:login, 'admin', :now, :login)"),
                                    {{QStringLiteral(":login"), creatorLogin}, {QStringLiteral(":now"), now}});
        if (!admin)
            return admin.error();
        // PRAGMAs cannot take bound values; these are our own integer constants, never user text.
        for (const QString &pragma : {QStringLiteral("PRAGMA application_id = %1").arg(s_applicationId),
                                      QStringLiteral("PRAGMA user_version = %1").arg(s_currentVersion)}) {
            if (auto result = connection.run(pragma); !result)
                return result.error();
        }
        return {};
    });
}

Result<int> detectVersion(Connection &connection)
{
    auto applicationId = connection.scalar(QStringLiteral("PRAGMA application_id"));
    if (!applicationId)
        return applicationId.error();
    auto userVersion = connection.scalar(QStringLiteral("PRAGMA user_version"));
    if (!userVersion)
        return userVersion.error();
    const QString file = connection.path();
    if (applicationId->toInt() != s_applicationId) {
        return Error{ErrorKind::NotABoard,
                     tr("%1 is an SQLite database but not a HelpBoard board; nothing was changed").arg(file)};
    }
    const int version = userVersion->toInt();
    if (version < 1) {
        return Error{
                ErrorKind::NotABoard,
                tr("%1 is marked as a HelpBoard file but holds no board (schema version %2)").arg(file).arg(version)};
    }
    if (version > s_currentVersion) {
        return Error{ErrorKind::TooNew, tr("%1 was written by a newer HelpBoard (board schema %2; this program "
                                           "reads up to %3); update HelpBoard to open it")
                                                .arg(file)
                                                .arg(version)
                                                .arg(s_currentVersion)};
    }
    return version;
}

Status migrate(Connection &connection, int fromVersion, int targetVersion, const QList<MigrationStep> &steps,
               const QString &backupPath)
{
    if (fromVersion >= targetVersion)
        return {};
    // A gap in the chain is known before anything is written: no backup, no half-way upgrade.
    for (int version = fromVersion; version < targetVersion; ++version) {
        if (std::none_of(steps.cbegin(), steps.cend(),
                         [version](const MigrationStep &candidate) { return candidate.from == version; })) {
            return Error{ErrorKind::TooNew, tr("no upgrade from board schema %1 to %2 is known; the file was not "
                                               "changed")
                                                    .arg(version)
                                                    .arg(version + 1)};
        }
    }
    // Another desktop may be opening the same old board at this moment and be upgrading it already.
    auto now = connection.scalar(QStringLiteral("PRAGMA user_version"));
    if (!now)
        return now.error();
    if (now->toInt() >= targetVersion)
        return {};
    // A backup of this board at this version is already there (made by that other desktop, or by an attempt that
    // stopped): it serves. Anything else at that path is not ours to overwrite.
    const auto isOurBackup = [&] {
        if (!QFile::exists(backupPath))
            return false;
        Connection backup;
        if (!backup.open(backupPath, Connection::Mode::ReadOnly))
            return false;
        auto version = detectVersion(backup);
        return version && *version == fromVersion;
    };
    if (QFile::exists(backupPath) && !isOurBackup()) {
        return Error{ErrorKind::Invalid,
                     tr("a migration backup already exists at %1; move it away and try again").arg(backupPath)};
    }
    if (!QFile::exists(backupPath)) {
        // Written under a name of its own, then renamed: no one ever reads a backup half-written.
        const QString partial = backupPath + QStringLiteral(".part-") + QUuid::createUuid().toString(QUuid::Id128);
        auto backup = connection.run(QStringLiteral("VACUUM INTO :path"), {{QStringLiteral(":path"), partial}});
        if (!backup) {
            QFile::remove(partial);
            return Error{backup.error().kind,
                         tr("could not back up the board before upgrading it: %1").arg(backup.error().message)};
        }
        // Renaming never replaces a file: if the other desktop's backup got there first, that one serves.
        if (!QFile::rename(partial, backupPath)) {
            QFile::remove(partial);
            if (!isOurBackup())
                return Error{ErrorKind::Io, tr("could not put the backup at %1 before upgrading the board; the file "
                                               "was not changed")
                                                    .arg(backupPath)};
        }
    }
    for (int version = fromVersion; version < targetVersion; ++version) {
        const auto step = std::find_if(steps.cbegin(), steps.cend(),
                                       [version](const MigrationStep &candidate) { return candidate.from == version; });
        auto status = connection.write([&]() -> Status {
            // Someone who opened the board at the same time may have run this step already.
            auto current = connection.scalar(QStringLiteral("PRAGMA user_version"));
            if (!current)
                return current.error();
            if (current->toInt() > version)
                return {};
            if (auto applied = step->apply(connection); !applied)
                return applied;
            if (auto set = connection.run(QStringLiteral("PRAGMA user_version = %1").arg(version + 1)); !set)
                return set.error();
            return {};
        });
        if (!status) {
            return Error{status.error().kind, tr("upgrading the board from schema %1 to %2 failed (the file is "
                                                 "left at schema %1; a backup is at %3): %4")
                                                      .arg(version)
                                                      .arg(version + 1)
                                                      .arg(backupPath, status.error().message)};
        }
    }
    return {};
}

} // namespace hb::storage::schema
