// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>
#include <storage/records.h>

#include <QJsonValue>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>

namespace hb::storage {
class BoardStore;
class LockProbe;
struct CardQuery;
} // namespace hb::storage
namespace hb::board {
struct CardFilter;
}

namespace hb::app {

class CliArguments;

/**
 * helpboard-cli: the board file for scripts and monitoring. One run, one command; errors are one line on stderr
 * and an exit code that says what kind of failure it was.
 */
class Cli final
{
public:
    enum ExitCode {
        Ok = 0,
        Usage = 1,
        InvalidOrNotFound = 2,
        Conflict = 3,
        Busy = 4,
        ReadOnlyOrForbidden = 5,
        BadBoard = 6, ///< not a board, too new, or corrupt
        IoError = 7,  ///< the file system failed (share gone, disk full)
    };

    Cli(QTextStream &out, QTextStream &err);
    ~Cli();
    Q_DISABLE_COPY_MOVE(Cli)

    /// Runs one command line (without the program name) and returns the exit code.
    int run(const QStringList &arguments);

    static int exitCodeFor(storage::ErrorKind kind);
    static QString usage();

private:
    int fail(const storage::Error &error);
    int usageError(const QString &message);
    /// With @p rescue, a damaged board opens read-only (for verify, export, backup) with a warning unless verifying.
    int openBoard(bool rescue = false, bool verifying = false);

    int cmdInit(CliArguments &args);
    int cmdColumns(CliArguments &args);
    int cmdAdd(CliArguments &args);
    int cmdEdit(CliArguments &args);
    int cmdMove(CliArguments &args);
    int cmdComment(CliArguments &args);
    int cmdChecklist(CliArguments &args);
    int cmdTemplates(CliArguments &args);
    int cmdAttach(CliArguments &args);
    using AddFile = storage::Result<qint64> (storage::BoardStore::*)(qint64, const QString &, const QString &,
                                                                     const std::function<bool(qint64, qint64)> &);
    using AddLink = storage::Result<qint64> (storage::BoardStore::*)(qint64, const QString &);
    /// attach and kb attach: a file (stored) or --link PATH on the @p what whose id comes first.
    int attachTo(CliArguments &args, const QString &what, AddFile addFile, AddLink addLink);
    int cmdSaveAttachment(CliArguments &args);
    int cmdList(CliArguments &args);
    int cmdShow(CliArguments &args);
    int cmdLevels(CliArguments &args);
    int cmdReport(CliArguments &args); // climetrics.cpp
    // cliknowledge.cpp: the knowledge base.
    int cmdKb(const QStringList &arguments);
    int kbList(CliArguments &args);
    int kbShow(CliArguments &args);
    int kbAdd(CliArguments &args);
    int kbEdit(CliArguments &args);
    int kbDelete(CliArguments &args, bool restore);
    int kbLink(CliArguments &args);
    int kbImport(CliArguments &args);
    int kbAttach(CliArguments &args);
    /// The text of the file @p argument names (- : standard input), cut to an article's length with a warning.
    storage::Result<QString> readArticleBody(const QString &argument);
    // cliescalation.cpp
    int cmdEscalate(CliArguments &args);
    int cmdTargets(CliArguments &args);
    /// The escalation target named @p name (any case); NotFound names those there are.
    storage::Result<storage::EscalationTarget> resolveTarget(const QString &name);
    /// This run's --op-id names a change that has landed already (a retried script): it is not checked again.
    bool isRetry();
    int cmdArchive(CliArguments &args, bool restore);
    int cmdMembers(CliArguments &args);
    int cmdExport(CliArguments &args);
    int cmdImport(const QStringList &arguments); // cliimport.cpp
    int cmdVerify(CliArguments &args);
    int cmdBackup(CliArguments &args);
    // clilocks.cpp: the share's locks.
    /// Before this run's first write, the board's stores prove the share passes locks (or refuse: exit 5, and why).
    void installLockGate();
    int cmdSelftest(const QStringList &args);
    int cmdHoldOpen(const QStringList &args);
    int cmdPurgeUploads(CliArguments &args);
    /// list --json: the cards of @p query that @p filter keeps, read and written a page at a time in one snapshot.
    int writeCardsJson(const storage::CardQuery &query, const board::CardFilter &filter);
    /// A line for verify about uploads abandoned part-way (count and bytes); empty when there are none.
    QString abandonedUploadsNote();

    /// The options that choose tickets by their fields, shared by list and report, as given.
    struct TicketOptions
    {
        std::optional<QString> assignee;
        std::optional<QString> priority;
        std::optional<QString> channel;
        QStringList labels;
        bool unassigned = false;
        bool atLeast = false;
        bool allLabels = false;
        /// The options again, as they were written (for a report's "filter").
        QString text() const;
    };
    static TicketOptions readTicketOptions(CliArguments &args);
    /// Puts @p options into @p filter: labels found by name, priority and channel spelled right, or why not.
    storage::Status applyTicketOptions(const TicketOptions &options, board::CardFilter &filter);

    storage::Result<qint64> resolveColumn(const QString &nameOrId);
    storage::Result<QList<qint64>> resolveLabels(const QStringList &names);
    /// -1 (no check) when absent; std::nullopt when it is not a version number.
    static std::optional<qint64> parseExpectedVersion(const std::optional<QString> &text);
    storage::Result<qint64> parseId(const QString &text, const QString &what);
    void printJson(const QJsonValue &value);

    QTextStream &m_out;
    QTextStream &m_err;
    QString m_boardPath;
    QString m_login;
    QString m_opId;
    int m_busyTimeoutMs = 30000;
    std::unique_ptr<storage::BoardStore> m_store;
};

} // namespace hb::app
