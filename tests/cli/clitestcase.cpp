// SPDX-License-Identifier: GPL-3.0-or-later
#include "clitestcase.h"

namespace hb::tests::cli {

CliRun CliTestCase::execute(const QString &program, const QStringList &args, const QByteArray &input) const
{
    CliRun result;
    QProcess process;
    process.setProgram(program);
    process.setArguments(args);
    process.start();
    if (!process.waitForStarted(10'000)) {
        result.err = "cannot start " + program.toUtf8() + ": " + process.errorString().toUtf8();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out: " + args.join(u' ').toUtf8();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

CliRun CliTestCase::run(const QStringList &args, const QByteArray &input) const
{
    return execute(m_cli, args, input);
}

CliRun CliTestCase::runAs(const QString &login, const QStringList &args, const QByteArray &input) const
{
    QStringList expanded{u"--board"_s, m_board, u"--as"_s, login};
    for (QString arg : args)
        expanded << arg.replace(u"%DIR%"_s, m_dir->path());
    return run(expanded, input);
}

bool CliTestCase::useDemoBoard()
{
    return QFile::copy(m_template, m_board);
}

QJsonObject CliTestCase::exportBoard(const QString &board) const
{
    const CliRun exported =
            run({u"--board"_s, board.isEmpty() ? m_board : board, u"--as"_s, s_admin, u"export"_s, u"--json"_s});
    return exported.exitCode == Ok ? parseJson(exported.out).toObject() : QJsonObject();
}

QJsonObject CliTestCase::show(qint64 id) const
{
    const CliRun shown = runAs(s_admin, {u"show"_s, QString::number(id), u"--json"_s});
    return shown.exitCode == Ok ? parseJson(shown.out).toObject() : QJsonObject();
}

QJsonArray CliTestCase::list(const QStringList &filter, const QString &board) const
{
    const CliRun listed =
            run(QStringList{u"--board"_s, board.isEmpty() ? m_board : board, u"--as"_s, s_admin, u"list"_s, u"--json"_s}
                + filter);
    return listed.exitCode == Ok ? parseJson(listed.out).toArray() : QJsonArray();
}

qint64 CliTestCase::addCard(const QStringList &options) const
{
    const CliRun added = runAs(s_admin, QStringList{u"add"_s} + options);
    return added.exitCode == Ok ? added.outLine().toLongLong() : 0;
}

void CliTestCase::setUpSuite()
{
    m_cli = qEnvironmentVariable("HELPBOARD_CLI");
    QVERIFY2(!m_cli.isEmpty(), "HELPBOARD_CLI must name the helpboard-cli executable (ctest sets it)");
    QVERIFY2(QFileInfo(m_cli).isExecutable(), qPrintable(m_cli));
    QVERIFY(m_templateDir.isValid());

    // GIVEN a demo board, made once with the real command
    m_template = m_templateDir.filePath(u"demo.helpboard"_s);
    const CliRun made = run({u"--board"_s, m_template, u"--as"_s, s_admin, u"init"_s, u"--demo"_s});
    QVERIFY_SUCCEEDS(made);
    QCOMPARE(made.outLine(), QFileInfo(m_template).absoluteFilePath());

    // THEN it has the members the tests act as
    const CliRun members = run({u"--board"_s, m_template, u"--as"_s, s_admin, u"members"_s, u"--json"_s});
    QVERIFY_SUCCEEDS(members);
    QHash<QString, QString> roles;
    for (const QJsonValue &member : parseJson(members.out).toArray())
        roles.insert(member[u"login"_s].toString(), member[u"role"_s].toString());
    QCOMPARE(roles.value(s_admin), u"admin"_s);
    QCOMPARE(roles.value(s_editor), u"editor"_s);
    QCOMPARE(roles.value(s_viewer), u"viewer"_s);
}

void CliTestCase::setUpTest()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_board = m_dir->filePath(u"board.helpboard"_s);
}

void CliTestCase::tearDownTest()
{
    m_dir.reset();
}

} // namespace hb::tests::cli
