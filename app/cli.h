// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QJsonValue>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace hb::storage {
class BoardStore;
}

namespace hb::app {

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
    class Args;
    int fail(const storage::Error &error);
    int usageError(const QString &message);
    /// With @p rescue, a damaged board opens read-only (for verify, export, backup) with a warning unless verifying.
    int openBoard(bool rescue = false, bool verifying = false);

    int cmdInit(Args &args);
    int cmdColumns(Args &args);
    int cmdAdd(Args &args);
    int cmdEdit(Args &args);
    int cmdMove(Args &args);
    int cmdComment(Args &args);
    int cmdChecklist(Args &args);
    int cmdAttach(Args &args);
    int cmdSaveAttachment(Args &args);
    int cmdList(Args &args);
    int cmdShow(Args &args);
    int cmdArchive(Args &args, bool restore);
    int cmdMembers(Args &args);
    int cmdExport(Args &args);
    int cmdVerify(Args &args);
    int cmdBackup(Args &args);

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
