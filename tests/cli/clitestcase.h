// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The fixture of the helpboard-cli tests: every command runs as a real process on a real board file.
#include "support/testsupport.h"

#include <storage/boardstore.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <functional>
#include <memory>

#include <unistd.h>

namespace hb::tests::cli {

using namespace Qt::StringLiterals;

// The documented exit codes (helpboard-cli --help), spelled out so the test checks the contract, not an enum.
enum Exit { Ok = 0, Usage = 1, Invalid = 2, Conflict = 3, Busy = 4, Forbidden = 5, BadBoard = 6, IoError = 7 };

// Members of the demo board (resources/demo/demo-board.json), one per role.
inline const QString s_admin = u"alice"_s;
inline const QString s_editor = u"ben"_s;
inline const QString s_viewer = u"margaret"_s;

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString outLine() const { return QString::fromUtf8(out).trimmed(); }
};

/// Which cards a `list` filter should return, decided from the card's `export --json` object alone.
using CardRule = std::function<bool(const QJsonObject &card, qint64 now)>;

inline QString describe(const CliRun &run)
{
    return u"exit code %1; stdout: %2; stderr: %3"_s.arg(run.exitCode)
            .arg(QString::fromUtf8(run.out.left(600)), QString::fromUtf8(run.err.left(600)));
}

/// Empty when the run failed the documented way: one line "helpboard-cli: ..." on stderr and nothing on stdout.
inline QString errorLineProblem(const CliRun &run)
{
    if (!run.err.startsWith("helpboard-cli: "))
        return u"stderr does not start with “helpboard-cli: ”; "_s + describe(run);
    if (run.err.count('\n') != 1 || !run.err.endsWith('\n'))
        return u"stderr is not exactly one line; "_s + describe(run);
    if (!run.out.isEmpty())
        return u"stdout is not empty; "_s + describe(run);
    return {};
}

inline QJsonValue parseJson(const QByteArray &bytes)
{
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (document.isArray())
        return document.array();
    if (document.isObject())
        return document.object();
    return {};
}

inline QList<qint64> idsOf(const QJsonArray &cards)
{
    QList<qint64> ids;
    for (const QJsonValue &card : cards)
        ids << card.toObject().value(u"id"_s).toInteger();
    return ids;
}

inline QList<qint64> sorted(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

inline QStringList stringsOf(const QJsonArray &array)
{
    QStringList strings;
    for (const QJsonValue &value : array)
        strings << value.toString();
    strings.sort();
    return strings;
}

inline qint64 msecsOf(const QJsonValue &isoTime)
{
    if (isoTime.isNull())
        return 0;
    return QDateTime::fromString(isoTime.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

/// How a date-time appears in the JSON output: UTC, with milliseconds.
inline QString jsonTime(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

inline int urgency(const QString &priority)
{
    return QStringList{u"critical"_s, u"high"_s, u"normal"_s, u"low"_s}.indexOf(priority);
}

inline bool isOpenAndOverdue(const QJsonObject &card, qint64 now)
{
    const qint64 due = msecsOf(card.value(u"due"_s));
    return due && card.value(u"resolved"_s).isNull() && due < now;
}

inline bool isOpenAndDueWithinDay(const QJsonObject &card, qint64 now)
{
    const qint64 due = msecsOf(card.value(u"due"_s));
    return due && card.value(u"resolved"_s).isNull() && due >= now && due < now + 24LL * 3600 * 1000;
}

/// The text full-text search looks at: title, description, comments and checklist items.
inline QString searchableText(const QJsonObject &card)
{
    QStringList parts{card.value(u"title"_s).toString(), card.value(u"description"_s).toString()};
    for (const QJsonValue &comment : card.value(u"comments"_s).toArray())
        parts << comment.toObject().value(u"text"_s).toString();
    for (const QJsonValue &item : card.value(u"checklist"_s).toArray())
        parts << item.toObject().value(u"text"_s).toString();
    return parts.join(u'\n');
}

/// FTS prefix semantics, computed independently: every word of @p query starts some word of the card's text.
inline bool matchesSearch(const QJsonObject &card, const QString &query)
{
    const QString text = searchableText(card);
    for (const QString &word : query.split(u' ', Qt::SkipEmptyParts)) {
        const QRegularExpression wordStart(u"(?<![\\p{L}\\p{N}])"_s + QRegularExpression::escape(word),
                                           QRegularExpression::CaseInsensitiveOption);
        if (!text.contains(wordStart))
            return false;
    }
    return true;
}

inline CardRule fieldIs(const QString &key, const QString &value)
{
    return [=](const QJsonObject &card, qint64) { return card.value(key).toString() == value; };
}

inline CardRule requesterContains(const QString &text)
{
    return [=](const QJsonObject &card, qint64) {
        return card.value(u"requester"_s).toString().contains(text, Qt::CaseInsensitive);
    };
}

inline CardRule fieldIsNull(const QString &key)
{
    return [=](const QJsonObject &card, qint64) { return card.value(key).isNull(); };
}

inline CardRule hasAnyLabel(const QStringList &labels)
{
    return [=](const QJsonObject &card, qint64) {
        const QStringList has = stringsOf(card.value(u"labels"_s).toArray());
        return std::any_of(labels.cbegin(), labels.cend(), [&](const QString &label) { return has.contains(label); });
    };
}

inline CardRule priorityAtLeast(const QString &priority)
{
    return [=](const QJsonObject &card, qint64) {
        return urgency(card.value(u"priority"_s).toString()) <= urgency(priority);
    };
}

inline CardRule searchFinds(const QString &query)
{
    return [=](const QJsonObject &card, qint64) { return matchesSearch(card, query); };
}

inline CardRule both(const CardRule &a, const CardRule &b)
{
    return [=](const QJsonObject &card, qint64 now) { return a(card, now) && b(card, now); };
}

inline CardRule either(const CardRule &a, const CardRule &b)
{
    return [=](const QJsonObject &card, qint64 now) { return a(card, now) || b(card, now); };
}

/// The files in @p folder, without SQLite's journal (TRUNCATE mode leaves an empty one behind once a board is opened).
inline QStringList filesIn(const QString &folder)
{
    QStringList files = QDir(folder).entryList(QDir::Files, QDir::Name);
    // The journal, and the side file in which each process proves the share passes locks (it is no change).
    files.removeIf(
            [](const QString &name) { return name.endsWith(u"-journal"_s) || name.endsWith(u".helpboard-locks"_s); });
    return files;
}

} // namespace hb::tests::cli

Q_DECLARE_METATYPE(hb::tests::cli::CardRule)

// A command that must fail: its exit code, one "helpboard-cli: " line on stderr, nothing on stdout.
#define QVERIFY_FAILS_WITH(run, code) \
    do { \
        const CliRun &failed_ = (run); \
        QVERIFY2(failed_.exitCode == (code), \
                 qPrintable(u"expected exit code %1; "_s.arg(int(code)) + describe(failed_))); \
        const QString problem_ = errorLineProblem(failed_); \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_)); \
    } while (false)

#define QVERIFY_SUCCEEDS(run) \
    do { \
        const CliRun &succeeded_ = (run); \
        QVERIFY2(succeeded_.exitCode == Ok, qPrintable(describe(succeeded_))); \
    } while (false)

namespace hb::tests::cli {

/// Runs helpboard-cli ($HELPBOARD_CLI) on a fresh copy of a demo board made once per test executable.
class CliTestCase : public QObject
{
    Q_OBJECT

protected:
    /// For initTestCase(): finds the CLI and makes the demo board with `init --demo`.
    void setUpSuite();
    /// For init(): a fresh folder and board path for the test.
    void setUpTest();
    /// For cleanup().
    void tearDownTest();

    CliRun execute(const QString &program, const QStringList &args, const QByteArray &input = {}) const;
    /// Runs helpboard-cli with exactly @p args.
    CliRun run(const QStringList &args, const QByteArray &input = {}) const;
    /// Runs helpboard-cli on the test's board as @p login; "%DIR%" in an argument is the test's folder.
    CliRun runAs(const QString &login, const QStringList &args, const QByteArray &input = {}) const;

    bool useDemoBoard();
    QJsonObject exportBoard(const QString &board = {}) const;
    QJsonArray exportedCards() const { return exportBoard().value(u"cards"_s).toArray(); }
    int cardCount() const { return int(exportedCards().size()); }
    QJsonObject show(qint64 id) const;
    QJsonArray list(const QStringList &filter, const QString &board = {}) const;
    /// Adds a card as the admin; 0 when that failed.
    qint64 addCard(const QStringList &options) const;
    qint64 versionOf(qint64 id) const { return show(id).value(u"version"_s).toInteger(); }

    QString m_cli;
    QTemporaryDir m_templateDir;
    QString m_template; ///< a demo board made once by `init --demo`, copied for each test (making one takes seconds)
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_board;
};

} // namespace hb::tests::cli
