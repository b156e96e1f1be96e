// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

namespace hb::tests {

QString describe(const storage::Error &error)
{
    return storage::errorKindName(error.kind) + QStringLiteral(": ") + error.message;
}

storage::StoreOptions optionsFor(const QString &login, int busyTimeoutMs)
{
    storage::StoreOptions options;
    options.login = login;
    options.busyTimeoutMs = busyTimeoutMs;
    return options;
}

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QString importFixture(const QString &name)
{
    return QStringLiteral(HELPBOARD_TEST_DATA "/import/") + name;
}

QByteArray tableHashes(const QString &path)
{
    const RawResult tables = rawSql(path, {QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                                          "name NOT LIKE 'sqlite_%' AND name <> 'presence' "
                                                          "ORDER BY name")});
    QByteArray hashes;
    for (const QVariantList &table : tables.rows) {
        const QString name = table.value(0).toString();
        const QString select = name == u"meta" ? QStringLiteral("SELECT * FROM meta WHERE key <> 'last_check_at'")
                                               : QStringLiteral("SELECT * FROM \"%1\"").arg(name);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const QVariantList &row : rawSql(path, {select}).rows) {
            for (const QVariant &value : row)
                hash.addData(QByteArray(value.toString().toUtf8() + '\x1f'));
            hash.addData("\n");
        }
        hashes += name.toUtf8() + ':' + hash.result().toHex() + '\n';
    }
    return hashes;
}

QStringList changedTables(const QByteArray &before, const QByteArray &after)
{
    const QList<QByteArray> was = before.split('\n');
    QStringList changed;
    for (const QByteArray &line : after.split('\n')) {
        if (!was.contains(line))
            changed << QString::fromUtf8(line.left(line.indexOf(':')));
    }
    return changed;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

std::pair<int, int> storedPlace(const QString &path, qint64 id)
{
    auto store = storage::BoardStore::open(path, optionsFor(QStringLiteral("alice")));
    if (!store)
        return {-1, -1};
    const auto columns = store.value()->columns();
    const auto card = store.value()->card(id);
    if (!columns || !card)
        return {-1, -1};
    for (int column = 0; column < columns->size(); ++column) {
        if (columns->at(column).id != card->columnId)
            continue;
        storage::CardQuery query;
        query.columnId = card->columnId;
        const auto cards = store.value()->cards(query);
        for (int position = 0; cards && position < cards->size(); ++position) {
            if (cards->at(position).id == id)
                return {column, position};
        }
    }
    return {-1, -1};
}

QString programForOtherUsers(const QString &program, const QString &folder)
{
    bool reachable = QFileInfo(program).permission(QFileDevice::ExeOther);
    for (QDir parent = QFileInfo(program).absoluteDir(); reachable && !parent.isRoot(); parent.cdUp())
        reachable = QFileInfo(parent.path()).permission(QFileDevice::ExeOther);
    if (reachable)
        return program;
    // The CLI links only system libraries (the project's own are static), so a copy runs anywhere.
    const QString copy = QDir(folder).filePath(QFileInfo(program).fileName());
    QFile::remove(copy);
    if (!QFile::copy(program, copy))
        return program;
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                        | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                        | QFileDevice::ExeOther);
    return copy;
}

WriteLock::WriteLock(const QString &path)
    : m_name(QStringLiteral("lock-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    m_held = db.open() && QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
}

WriteLock::~WriteLock()
{
    release();
    QSqlDatabase::removeDatabase(m_name);
}

void WriteLock::release()
{
    if (!QSqlDatabase::contains(m_name))
        return;
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    if (m_held)
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    m_held = false;
    db.close();
}

RawResult rawSql(const QString &path, const QStringList &statements)
{
    RawResult result;
    const QString name = QStringLiteral("raw-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            result.error = db.lastError().text();
        } else {
            for (const QString &sql : statements) {
                QSqlQuery query(db);
                if (!query.exec(sql)) {
                    result.error = sql + QStringLiteral(": ") + query.lastError().text();
                    break;
                }
                result.rows.clear();
                while (query.next()) {
                    QVariantList row;
                    for (int column = 0; column < query.record().count(); ++column)
                        row << query.value(column);
                    result.rows << row;
                }
                query.finish();
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

QProcessEnvironment lockTestEnvironment(bool dropLocks, const QStringList &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (dropLocks) {
        env.insert(QStringLiteral("LD_PRELOAD"), qEnvironmentVariable("HELPBOARD_DROPLOCKS_LIB"));
        env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("verify_asan_link_order=0"));
    }
    for (const QString &pair : extra)
        env.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    return env;
}

std::unique_ptr<QProcess> holdBoardOpen(const QString &board, const QString &login, bool dropLocks, int seconds)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(lockTestEnvironment(dropLocks));
    process->start(qEnvironmentVariable("HELPBOARD_CLI"),
                   {QStringLiteral("--board"), board, QStringLiteral("--as"), login, QStringLiteral("hold-open"),
                    QString::number(seconds)});
    if (!process->waitForStarted(10000))
        return nullptr;
    QElapsedTimer clock;
    clock.start();
    while (!process->readAllStandardOutput().contains("holding") && clock.elapsed() < 10000) {
        if (process->state() == QProcess::NotRunning)
            break;
        process->waitForReadyRead(100);
    }
    return process;
}

bool waitForLooks(QProcess &colleague, int looks, int timeoutMs)
{
    while (colleague.waitForReadyRead(0))
        colleague.readAllStandardOutput(); // looks made before
    colleague.readAllStandardOutput();
    QElapsedTimer clock;
    clock.start();
    int seen = 0;
    QByteArray output;
    while (seen < looks && clock.elapsed() < timeoutMs && colleague.state() == QProcess::Running) {
        colleague.waitForReadyRead(100);
        output += colleague.readAllStandardOutput();
        seen = int(output.count("looked\n"));
    }
    return seen >= looks;
}

} // namespace hb::tests
