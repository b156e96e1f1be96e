// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-bench: generates a big board (10,000 cards by default) and measures what DESIGN.md's performance budget
// names, printing one JSON object. Not a test: it is run by hand, and its figures go into issue notes and the README.
#include "support/generatedboard.h"

#include <app/mainwindow.h>
#include <board/model/boardmodel.h>
#include <board/sla/clock.h>
#include <board/sla/desk.h>
#include <board/rules/cardfilter.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/board/filterbar.h>
#include <board/widgets/cardeditor/articlespane.h>
#include <board/widgets/dashboard/dashboard.h>
#include <board/widgets/knowledge/knowledgeview.h>
#include <board/model/articlemodel.h>
#include <QLineEdit>
#include <storage/boardstore.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimeZone>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h> // profiling one part: valgrind --tool=callgrind --instr-atstart=no
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hb;

namespace {

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

double percentile(std::vector<double> values, double share)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto at = std::min(values.size() - 1, size_t(share * double(values.size() - 1) + 0.5));
    return values.at(at);
}

double rounded(double value)
{
    return std::round(value * 100) / 100;
}

/**
 * Runs the event loop until nothing is left to do, so a figure covers all a change costs until the window shows it:
 * the columns laid out again (a timer of their own), headers recounted, everything repainted. Idle rounds cost
 * microseconds; one round alone is not enough, as each of these queues the next.
 */
void settle()
{
    for (int quiet = 0, rounds = 0; quiet < 3 && rounds < 1000; ++rounds) {
        QElapsedTimer round;
        round.start();
        QApplication::processEvents();
        quiet = round.nsecsElapsed() < 100'000 ? quiet + 1 : 0;
    }
}

/**
 * CPU time of this thread in ms, for figures beside the clock's: on a shared virtual machine the clock also counts
 * time the host gave to others (steal), which no change to the program can win back.
 */
double threadCpuMs()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
#else
    return 0;
#endif
}

/// Resident memory of this process in MiB (Linux), 0 elsewhere.
double residentMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toDouble() / 1024.0;
    }
    return 0;
}

/// The floor: every card, label link, checklist count and comment count read with bare QSqlQuery loops.
double rawRead(const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-raw"));
        db.setDatabaseName(path);
        db.open();
        qint64 checksum = 0;
        for (const QString &sql :
             {QStringLiteral("SELECT id, column_id, rank, title, description, priority, status, assignee, requester, "
                             "channel, due_at, created_at, created_by, updated_at, updated_by, started_at, "
                             "first_response_at, first_response_by, resolved_at, resolved_by, escalated_at, "
                             "archived_at, deleted_at, version FROM cards WHERE deleted_at IS NULL AND archived_at IS "
                             "NULL"),
              QStringLiteral("SELECT card_id, label_id FROM card_labels"),
              QStringLiteral("SELECT card_id, count(*), sum(done) FROM checklist_items WHERE deleted_at IS NULL "
                             "GROUP BY card_id"),
              QStringLiteral("SELECT card_id, count(*) FROM comments WHERE deleted_at IS NULL GROUP BY card_id")}) {
            QSqlQuery query(db);
            query.setForwardOnly(true);
            query.exec(sql);
            const int columns = query.record().count();
            while (query.next()) {
                for (int i = 0; i < columns; ++i)
                    checksum += query.value(i).isNull() ? 0 : 1; // every value fetched, none converted
            }
        }
        db.close();
        Q_UNUSED(checksum)
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-raw"));
    return elapsedMs(timer);
}

/**
 * Runs @p sql on the board at @p path through a plain connection (the bench's own changes to a copy, as emptying the
 * metrics' cache to measure a read without it); the first column of the last row, or -1 when it failed.
 */
qint64 rawScalar(const QString &path, const QString &sql)
{
    qint64 value = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-scalar"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql))
                value = query.next() ? query.value(0).toLongLong() : 0;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-scalar"));
    return value;
}

/// One run of a command: its exit code, wall time and peak resident memory (the kernel's count, as `time -v` gives).
struct ChildRun
{
    int exitCode = -1;
    double ms = 0;
    double peakMb = 0;
};

/// Runs @p program with @p arguments, its standard output thrown away, and measures it (Linux).
ChildRun measureRun(const QString &program, const QStringList &arguments)
{
    // Everything the child needs is made before fork(): it only redirects and execs.
    QList<QByteArray> bytes{QFile::encodeName(program)};
    for (const QString &argument : arguments)
        bytes << argument.toUtf8();
    std::vector<char *> argv;
    for (QByteArray &argument : bytes)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    QElapsedTimer timer;
    timer.start();
    const pid_t pid = fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0)
            ::dup2(null, STDOUT_FILENO);
        ::execv(argv.front(), argv.data());
        ::_exit(127);
    }
    ChildRun run;
    int status = 0;
    struct rusage usage = {};
    if (pid < 0 || ::wait4(pid, &status, 0, &usage) != pid)
        return run;
    run.ms = elapsedMs(timer);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.peakMb = double(usage.ru_maxrss) / 1024.0; // kB on Linux
    return run;
}

/// helpboard-cli's streamed readers on @p board: export to standard output, to a file, and list --json.
QJsonObject measureCli(const QString &cli, const QString &board, const QString &folder)
{
    QJsonObject figures;
    const QString exported = folder + QStringLiteral("/bench-export.json");
    QFile::remove(exported);
    const struct
    {
        const char *name;
        QStringList arguments;
    } runs[] = {
            {"cli_export_stdout", {QStringLiteral("export"), QStringLiteral("--json")}},
            {"cli_export_file", {QStringLiteral("export"), QStringLiteral("--json"), exported}},
            {"cli_list_json", {QStringLiteral("list"), QStringLiteral("--json")}},
            {"cli_report_json", {QStringLiteral("report"), QStringLiteral("--json")}},
    };
    for (const auto &[name, arguments] : runs) {
        const ChildRun run = measureRun(cli, QStringList{QStringLiteral("--board"), board} + arguments);
        figures.insert(QLatin1String(name) + QLatin1String("_exit"), run.exitCode);
        figures.insert(QLatin1String(name) + QLatin1String("_ms"), rounded(run.ms));
        figures.insert(QLatin1String(name) + QLatin1String("_peak_rss_mb"), rounded(run.peakMb));
    }
    figures.insert(QStringLiteral("cli_export_bytes"), double(QFileInfo(exported).size()));
    figures.insert(QStringLiteral("board_bytes"), double(QFileInfo(board).size()));
    QFile::remove(exported);
    return figures;
}

/**
 * The GUI from process start to its board painted (`helpboard --report-startup`), @p runs times after one run to
 * warm the caches: the median, the fastest and the slowest, and the median time at which each step of the start was
 * done. The program runs on the display this bench was given (a real X server, e.g. under xvfb-run), with settings
 * of its own: the user's recent boards and window geometry are neither read nor changed.
 */
QJsonObject measureGuiStart(const QString &program, const QString &board, int runs, const QString &platform)
{
    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    if (!platform.isEmpty())
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    std::vector<double> totals;
    QMap<QString, std::vector<double>> steps;
    QString failure;
    for (int run = 0; run <= runs && failure.isEmpty(); ++run) {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.setProcessChannelMode(QProcess::SeparateChannels);
        const qint64 started = QDateTime::currentMSecsSinceEpoch();
        process.start(program, {QStringLiteral("--report-startup"), board});
        if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            process.kill();
            failure = QStringLiteral("%1 did not start and paint the board: %2")
                              .arg(program, QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
            break;
        }
        QMap<QString, double> at;
        for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
            const QList<QByteArray> parts = line.trimmed().split(' ');
            if (parts.size() == 2)
                at.insert(QString::fromLatin1(parts.at(0)), double(parts.at(1).toLongLong() - started));
        }
        if (!at.contains(QStringLiteral("painted"))) {
            failure = QStringLiteral("%1 did not say when it painted the board").arg(program);
            break;
        }
        if (run == 0)
            continue; // the warm-up
        totals.push_back(at.value(QStringLiteral("painted")));
        for (auto step = at.cbegin(); step != at.cend(); ++step)
            steps[step.key()].push_back(step.value());
    }
    if (!failure.isEmpty())
        return {{QStringLiteral("gui_start_error"), failure}};
    QJsonObject medians;
    for (auto step = steps.cbegin(); step != steps.cend(); ++step)
        medians.insert(step.key(), rounded(percentile(step.value(), 0.5)));
    return {
            {QStringLiteral("gui_start_runs"), int(totals.size())},
            {QStringLiteral("gui_start_platform"), platform.isEmpty() ? QStringLiteral("xcb") : platform},
            {QStringLiteral("gui_start_ms"), rounded(percentile(totals, 0.5))},
            {QStringLiteral("gui_start_ms_min"), rounded(percentile(totals, 0))},
            {QStringLiteral("gui_start_ms_max"), rounded(percentile(totals, 1))},
            {QStringLiteral("gui_start_steps_ms"), medians},
    };
}

} // namespace

/**
 * The service-level clocks of @p count open tickets (created over the last 90 days, each with a few priority, waiting
 * and resolved steps, drawn from a fixed seed) on office hours in Berlin with the default policy: the first pass,
 * which works out the calendar's intervals, then the median of 9 more, as the minute tick computes them. The tickets
 * are made here, not read from a board: the figure is the clocks' own cost.
 */
QJsonObject measureSla(int count)
{
    using namespace board::sla;
    QRandomGenerator random(20261207);
    const qint64 now = QDateTime(QDate(2026, 12, 7), QTime(11, 0), QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
    constexpr qint64 hour = 3600'000;
    std::vector<Ticket> tickets(static_cast<std::size_t>(count));
    for (Ticket &ticket : tickets) {
        ticket.createdAt = now - random.bounded(90 * 24) * hour - random.bounded(int(hour));
        const auto priority = storage::Priority(random.bounded(4));
        ticket.steps.append({ticket.createdAt, priority, false, false});
        qint64 at = ticket.createdAt;
        for (int step = random.bounded(5); step > 0 && at < now; --step) {
            at += random.bounded(1, 72) * hour;
            ticket.steps.append({at, random.bounded(10) == 0 ? storage::Priority(random.bounded(4)) : priority,
                                 random.bounded(3) == 0, random.bounded(8) == 0});
        }
        ticket.steps.last().resolved = false; // open, as the board's badges show them
        if (random.bounded(3) > 0)
            ticket.firstResponseAt = ticket.createdAt + random.bounded(1, 48) * hour;
    }
    const Policy policy = Policy::defaults();
    WorkingTime business(Calendar::officeHours("Europe/Berlin"));
    int breached = 0;
    const auto pass = [&] {
        QElapsedTimer timer;
        timer.start();
        breached = 0;
        for (const Ticket &ticket : tickets)
            breached += clocksOf(ticket, policy, business, now).resolution.state == ClockState::Breached ? 1 : 0;
        return elapsedMs(timer);
    };
    const double first = pass();
    std::vector<double> runs;
    for (int run = 0; run < 9; ++run)
        runs.push_back(pass());
    return {{QStringLiteral("sla_tickets"), count},
            {QStringLiteral("sla_breached"), breached},
            {QStringLiteral("sla_first_ms"), rounded(first)},
            {QStringLiteral("sla_ms"), rounded(percentile(runs, 0.5))}};
}

/**
 * The dashboard (View > Dashboard) on the board at @p path, as a manager uses it: opened for the first time (every
 * ticket read, from the metrics cache or its history, the figures summed and the charts drawn: metrics_ms; a new
 * dashboard each time), then the period or the filter changed
 * (the figures and charts again, from what was read: metrics_change_ms), then a colleague's comment on a ticket
 * followed (what changed read again, and the figures and charts: metrics_update_ms; the read alone,
 * metrics_update_read_ms, of metrics_update_tickets tickets). Medians of five opens, ten changes and five updates.
 * Before them, a read without the board's metrics cache (as after an upgrade or a change of the service levels),
 * which fills it: metrics_cold_read_ms. The board gets the colleague's comments.
 */
QJsonObject measureMetrics(const QString &path)
{
    storage::StoreOptions options;
    options.login = QStringLiteral("alice");
    auto store = storage::BoardStore::open(path, options);
    if (!store)
        return {{QStringLiteral("metrics_error"), store.error().message}};
    if (rawScalar(path, QStringLiteral("DELETE FROM metric_cache")) < 0)
        return {{QStringLiteral("metrics_error"), QStringLiteral("the metrics' cache could not be emptied")}};
    QElapsedTimer cold;
    cold.start();
    const auto filled = board::metrics::readDataset(**store, (*store)->now());
    if (!filled)
        return {{QStringLiteral("metrics_error"), filled.error().message}};
    const double coldMs = elapsedMs(cold);
    const qsizetype cacheStored = filled->cacheStored;
    // (as the window reads it: on a thread of the pool, through a connection of its own)
    const board::Dashboard::Reader reader = [path, options](board::metrics::Dataset previous) {
        return board::metrics::updateDataset(path, options, std::move(previous));
    };
    std::vector<double> openMs;
    std::vector<double> readMs;
    QElapsedTimer timer;
    std::unique_ptr<board::Dashboard> opened;
    for (int run = 0; run < 5; ++run) {
        {
            timer.start();
            const auto read = board::metrics::readDataset(**store, (*store)->now());
            readMs.push_back(elapsedMs(timer)); // (the read, not the freeing of it)
            if (!read)
                return {{QStringLiteral("metrics_error"), read.error().message}};
        }
        // A dashboard opened for the first time on the board, as View > Dashboard does: nothing read before (the
        // earlier run's freed first)
        opened.reset();
        opened = std::make_unique<board::Dashboard>();
        opened->resize(520, 900);
        QSignalSpy shown(opened.get(), &board::Dashboard::updated);
        timer.start();
        opened->setReader(reader);
        opened->reload();
        if (!shown.wait(120'000))
            return {{QStringLiteral("metrics_error"), QStringLiteral("the dashboard did not read the board")}};
        openMs.push_back(elapsedMs(timer));
    }
    board::Dashboard &dashboard = *opened;
    QSignalSpy updated(&dashboard, &board::Dashboard::updated);
    const int tickets = dashboard.ticketsShown();
    std::vector<double> changeMs;
    board::CardFilter email;
    email.channel = storage::Channel::Email;
    for (int run = 0; run < 10; ++run) {
        timer.start();
        if (run % 2 == 0) {
            dashboard.setRange(run % 4 == 0 ? board::Dashboard::Range::Last7Days : board::Dashboard::Range::Last90Days);
        } else {
            dashboard.setFilter(run % 4 == 1 ? email : board::CardFilter(), {(*store)->now(), QStringLiteral("alice")},
                                {});
        }
        changeMs.push_back(elapsedMs(timer));
    }
    // A colleague comments on an open ticket, five times; each time the dashboard reads what changed.
    storage::StoreOptions theirs = options;
    theirs.login = QStringLiteral("colleague");
    auto colleague = storage::BoardStore::open(path, theirs);
    if (!colleague)
        return {{QStringLiteral("metrics_error"), colleague.error().message}};
    qint64 ticket = 0;
    for (const storage::Card &card : (*colleague)->cards().value()) {
        if (!card.resolvedAt) {
            ticket = card.id;
            break;
        }
    }
    auto last = board::metrics::readDataset(**store, (*store)->now());
    if (!ticket || !last)
        return {{QStringLiteral("metrics_error"), QStringLiteral("no open ticket to comment on")}};
    std::vector<double> updateMs;
    std::vector<double> updateReadMs;
    qsizetype updateTickets = 0;
    for (int run = 0; run < 5; ++run) {
        if (!(*colleague)->addComment(ticket, QStringLiteral("Still on it (%1).").arg(run)))
            return {{QStringLiteral("metrics_error"), QStringLiteral("the colleague could not comment")}};
        updated.clear();
        timer.start();
        dashboard.reload();
        if (!updated.wait(120'000))
            return {{QStringLiteral("metrics_error"), QStringLiteral("the dashboard did not read the change")}};
        updateMs.push_back(elapsedMs(timer));
        timer.start();
        last = board::metrics::updateDataset(**store, std::move(*last), (*store)->now());
        if (!last)
            return {{QStringLiteral("metrics_error"), last.error().message}};
        updateReadMs.push_back(elapsedMs(timer));
        updateTickets = last->ticketsRead;
    }
    return {{QStringLiteral("metrics_cold_read_ms"), rounded(coldMs)},
            {QStringLiteral("metrics_cache_stored"), double(cacheStored)},
            {QStringLiteral("metrics_cache_bytes"),
             double(rawScalar(path, QStringLiteral("SELECT sum(length(data)) FROM metric_cache")))},
            {QStringLiteral("metrics_update_ms"), rounded(percentile(updateMs, 0.5))},
            {QStringLiteral("metrics_update_read_ms"), rounded(percentile(updateReadMs, 0.5))},
            {QStringLiteral("metrics_update_tickets"), double(updateTickets)},
            {QStringLiteral("metrics_tickets"), tickets},
            {QStringLiteral("metrics_read_ms"), rounded(percentile(readMs, 0.5))},
            {QStringLiteral("metrics_ms"), rounded(percentile(openMs, 0.5))},
            {QStringLiteral("metrics_change_ms"), rounded(percentile(changeMs, 0.5))},
            {QStringLiteral("metrics_change_ms_max"), rounded(percentile(changeMs, 1.0))},
            {QStringLiteral("metrics_error"), dashboard.readError()}};
}

/**
 * The metrics on a help desk's past (populateGeneratedHistory): a year of @p tickets tickets, most resolved and
 * archived, made at @p path unless @p reuse (a board made so before, with --keep). The dashboard (measureMetrics),
 * `report --json` for the last 30 days and for the year in processes of their own (the median of three), and what
 * the board itself loads: the cards on it (archived ones are not), and how long that read takes.
 */
QJsonObject measureHistory(const QString &cli, const QString &path, int tickets, bool reuse)
{
    QJsonObject figures;
    storage::StoreOptions options;
    options.login = QStringLiteral("alice");
    if (!reuse) {
        QElapsedTimer timer;
        timer.start();
        auto made = storage::BoardStore::create(path, QStringLiteral("Help desk"), options);
        if (!made)
            return {{QStringLiteral("history_error"), made.error().message}};
        storage::GeneratedHistorySize size;
        size.tickets = tickets;
        storage::GeneratedHistoryCounts counts;
        if (const storage::Status filled = storage::populateGeneratedHistory(**made, size, &counts); !filled)
            return {{QStringLiteral("history_error"), filled.error().message}};
        figures.insert(QStringLiteral("history_generate_ms"), rounded(elapsedMs(timer)));
        figures.insert(QStringLiteral("history_resolved"), counts.resolved);
        figures.insert(QStringLiteral("history_archived"), counts.archived);
        figures.insert(QStringLiteral("history_reopened"), counts.reopened);
        figures.insert(QStringLiteral("history_escalated"), counts.escalated);
        figures.insert(QStringLiteral("history_waited"), counts.waited);
        figures.insert(QStringLiteral("history_comments"), counts.comments);
    }
    figures.insert(QStringLiteral("board_bytes"), double(QFileInfo(path).size()));
    {
        auto store = storage::BoardStore::open(path, options);
        if (!store)
            return {{QStringLiteral("history_error"), store.error().message}};
        std::vector<double> loadMs;
        qsizetype onBoard = 0;
        for (int run = 0; run < 3; ++run) {
            QElapsedTimer timer;
            timer.start();
            onBoard = (*store)->cards().value().size();
            loadMs.push_back(elapsedMs(timer));
        }
        figures.insert(QStringLiteral("board_cards_loaded"), double(onBoard));
        figures.insert(QStringLiteral("board_load_ms"), rounded(percentile(loadMs, 0.5)));
    }
    // The CLI first, while this process holds no dataset: a child's peak memory counts the pages it shares with this
    // process when forked, until it runs the CLI.
    const QString yearAgo = QDate::currentDate().addDays(-365).toString(Qt::ISODate);
    // Once without the metrics' cache (which that run fills), then three times with it
    if (rawScalar(path, QStringLiteral("DELETE FROM metric_cache")) < 0)
        return {{QStringLiteral("history_error"), QStringLiteral("the metrics' cache could not be emptied")}};
    const ChildRun cold =
            measureRun(cli, {QStringLiteral("--board"), path, QStringLiteral("report"), QStringLiteral("--json")});
    if (cold.exitCode != 0)
        return {{QStringLiteral("history_error"), QStringLiteral("cli_report_json_cold failed")}};
    figures.insert(QStringLiteral("cli_report_json_cold_ms"), rounded(cold.ms));
    figures.insert(QStringLiteral("cli_report_json_cold_peak_rss_mb"), rounded(cold.peakMb));
    for (const auto &[name, arguments] :
         {std::pair{QStringLiteral("cli_report_json"), QStringList{QStringLiteral("report"), QStringLiteral("--json")}},
          std::pair{QStringLiteral("cli_report_year_json"),
                    QStringList{QStringLiteral("report"), QStringLiteral("--json"), QStringLiteral("--from"),
                                yearAgo}}}) {
        std::vector<double> ms;
        double peakMb = 0;
        for (int run = 0; run < 3; ++run) {
            const ChildRun child = measureRun(cli, QStringList{QStringLiteral("--board"), path} + arguments);
            if (child.exitCode != 0)
                return {{QStringLiteral("history_error"), QString(name + QStringLiteral(" failed"))}};
            ms.push_back(child.ms);
            peakMb = std::max(peakMb, child.peakMb);
        }
        figures.insert(name + QStringLiteral("_ms"), rounded(percentile(ms, 0.5)));
        figures.insert(name + QStringLiteral("_peak_rss_mb"), rounded(peakMb));
    }
    const QJsonObject dashboard = measureMetrics(path);
    for (auto figure = dashboard.constBegin(); figure != dashboard.constEnd(); ++figure)
        figures.insert(figure.key(), figure.value());
    return figures;
}

/**
 * The knowledge base with @p articles articles added to the board at @p path: suggestions for an open card (what the
 * card editor reads: the ranked ids, then those articles), search as you type (what the Knowledge view reads, a
 * keystroke at a time), and the whole list.
 */
/**
 * A Trello board export of @p cards cards (three comments and five checklist items each, a label, a member, a link),
 * written to @p path as Trello writes it: every card, list, checklist and action an object with Trello's fields.
 */
bool writeTrelloExport(const QString &path, int cards)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QTextStream out(&file);
    const qint64 start = QDateTime(QDate(2024, 1, 1), QTime(8, 0), QTimeZone::utc()).toSecsSinceEpoch();
    const auto cardId = [](int i) {
        return QStringLiteral("%1%2").arg(0x65920000 + i, 8, 16).arg(i, 16, 16, QLatin1Char('0'));
    };
    const auto iso = [](qint64 seconds) {
        return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc()).toString(Qt::ISODateWithMs);
    };
    const char *lists[] = {"Inbox", "Doing", "Waiting", "Done"};
    out << "{\"id\":\"benchboard000000000000001\",\"name\":\"Bench\",\"idOrganization\":\"o\",\"lists\":[";
    for (int i = 0; i < 4; ++i)
        out << (i ? "," : "") << "{\"id\":\"list" << i << "\",\"name\":\"" << lists[i]
            << "\",\"closed\":false,\"pos\":" << (i + 1) * 16384 << "}";
    out << "],\"labels\":[{\"id\":\"lab1\",\"name\":\"Network\",\"color\":\"green\"},{\"id\":\"lab2\",\"name\":\"\","
           "\"color\":\"red\"}],";
    out << "\"members\":[";
    for (int m = 0; m < 12; ++m)
        out << (m ? "," : "") << "{\"id\":\"mem" << m << "\",\"username\":\"tech" << m
            << "\",\"fullName\":\"Technician " << m << "\"}";
    out << "],\"cards\":[";
    for (int i = 0; i < cards; ++i) {
        const QString id = cardId(i);
        out << (i ? "," : "") << "{\"id\":\"" << id << "\",\"name\":\"Ticket " << i << ": printer on floor " << i % 7
            << " does not print\",\"desc\":\"Reported by phone. The queue shows the job as sent; nothing comes "
               "out.\\nTried: restart, new driver.\",\"idList\":\"list"
            << i % 4 << "\",\"pos\":" << i * 1024 << ",\"closed\":" << (i % 10 == 9 ? "true" : "false") << ",\"due\":"
            << (i % 3 ? QStringLiteral("\"%1\"").arg(iso(start + i * 3600 + 86400)) : QStringLiteral("null"))
            << ",\"dueComplete\":false,\"idLabels\":[\"lab" << 1 + i % 2 << "\"],\"idMembers\":[\"mem" << i % 12
            << "\"],\"dateLastActivity\":\"" << iso(start + i * 3600 + 7200) << "\",\"attachments\":[{\"id\":\"at" << i
            << "\",\"name\":\"log.txt\",\"url\":\"https://example.com/logs/" << i << ".txt\",\"isUpload\":false}],"
            << "\"badges\":{\"comments\":3,\"checkItems\":5},\"idChecklists\":[\"cl" << i << "\"]}";
    }
    out << "],\"checklists\":[";
    for (int i = 0; i < cards; ++i) {
        out << (i ? "," : "") << "{\"id\":\"cl" << i << "\",\"idCard\":\"" << cardId(i)
            << "\",\"name\":\"Checklist\",\"pos\":1,\"checkItems\":[";
        for (int k = 0; k < 5; ++k)
            out << (k ? "," : "") << "{\"id\":\"ci" << i << '_' << k << "\",\"name\":\"Step " << k + 1
                << " of the printer checklist\",\"state\":\"" << (k < 2 ? "complete" : "incomplete")
                << "\",\"pos\":" << (k + 1) * 100 << "}";
        out << "]}";
    }
    out << "],\"actions\":[";
    for (int i = 0; i < cards; ++i) {
        for (int c = 0; c < 3; ++c) {
            out << (i || c ? "," : "") << "{\"id\":\"ac" << i << '_' << c << "\",\"type\":\"commentCard\",\"date\":\""
                << iso(start + i * 3600 + 600 * (c + 1)) << "\",\"idMemberCreator\":\"mem" << (i + c) % 12
                << "\",\"data\":{\"text\":\"Comment " << c
                << ": checked the spooler and the cable.\",\"card\":{\"id\":\"" << cardId(i)
                << "\",\"name\":\"Ticket\"}},\"memberCreator\":{\"id\":\"mem" << (i + c) % 12
                << "\",\"username\":\"tech" << (i + c) % 12 << "\",\"fullName\":\"Technician\"}}";
        }
    }
    out << "]}";
    out.flush();
    return file.error() == QFile::NoError;
}

/// A help desk's CSV export of @p rows tickets (ServiceNow's columns, quoted descriptions with line breaks).
bool writeTicketCsv(const QString &path, int rows)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QTextStream out(&file);
    out << "Number,Short description,Description,State,Priority,Assigned to,Caller,Contact type,Category,Opened,"
           "Resolved\r\n";
    const char *states[] = {"New", "In Progress", "On Hold", "Resolved", "Closed"};
    const char *priorities[] = {"1 - Critical", "2 - High", "3 - Moderate", "4 - Low"};
    const char *channels[] = {"Email", "Phone", "Self-service", "Walk-in", "Chat"};
    for (int i = 0; i < rows; ++i) {
        const int day = 1 + i % 28, hour = 8 + i % 9;
        const bool resolved = i % 5 >= 3;
        out << "INC" << QString::number(100000 + i) << ",\"Cannot print, ticket " << i << "\",\"The printer on floor "
            << i % 7 << " shows an error.\r\nUser says \"\"it worked yesterday\"\".\"," << states[i % 5] << ','
            << priorities[i % 4] << ",Technician " << i % 12 << ",Caller " << i % 500 << ',' << channels[i % 5]
            << ",Hardware,"
            << QStringLiteral("2024-03-%1 %2:15:00")
                        .arg(day, 2, 10, QLatin1Char('0'))
                        .arg(hour, 2, 10, QLatin1Char('0'))
            << ','
            << (resolved ? QStringLiteral("2024-03-%1 %2:45:00")
                                   .arg(day, 2, 10, QLatin1Char('0'))
                                   .arg(hour + 2, 2, 10, QLatin1Char('0'))
                         : QString())
            << "\r\n";
    }
    out.flush();
    return file.error() == QFile::NoError;
}

/// helpboard-cli import of a Trello export of @p cards cards and a CSV of @p rows rows, each into a new board.
QJsonObject measureImport(const QString &cli, const QString &folder, int cards, int rows)
{
    QJsonObject figures;
    const QString trello = folder + QStringLiteral("/bench-trello.json");
    const QString csv = folder + QStringLiteral("/bench-tickets.csv");
    if (!writeTrelloExport(trello, cards) || !writeTicketCsv(csv, rows)) {
        figures.insert(QStringLiteral("import_error"), QStringLiteral("cannot write the files to import"));
        return figures;
    }
    figures.insert(QStringLiteral("import_trello_cards"), cards);
    figures.insert(QStringLiteral("import_trello_bytes"), double(QFileInfo(trello).size()));
    figures.insert(QStringLiteral("import_csv_rows"), rows);
    figures.insert(QStringLiteral("import_csv_bytes"), double(QFileInfo(csv).size()));
    const struct
    {
        const char *name;
        QString file;
    } runs[] = {{"import_trello", trello}, {"import_csv", csv}};
    for (const auto &[name, file] : runs) {
        const QString board = folder + QStringLiteral("/") + QLatin1String(name) + QStringLiteral(".helpboard");
        QFile::remove(board);
        measureRun(cli, {QStringLiteral("--board"), board, QStringLiteral("init")});
        const ChildRun run = measureRun(
                cli, {QStringLiteral("--board"), board, QStringLiteral("import"), QLatin1String(name).mid(7), file});
        figures.insert(QLatin1String(name) + QLatin1String("_exit"), run.exitCode);
        figures.insert(QLatin1String(name) + QLatin1String("_ms"), rounded(run.ms));
        figures.insert(QLatin1String(name) + QLatin1String("_peak_rss_mb"), rounded(run.peakMb));
        figures.insert(QLatin1String(name) + QLatin1String("_board_bytes"), double(QFileInfo(board).size()));
        // Again: nothing new, every card found (the re-import's own time).
        const ChildRun again = measureRun(
                cli, {QStringLiteral("--board"), board, QStringLiteral("import"), QLatin1String(name).mid(7), file});
        figures.insert(QLatin1String(name) + QLatin1String("_again_ms"), rounded(again.ms));
    }
    return figures;
}

QJsonObject measureKnowledge(const QString &path, int articles)
{
    storage::StoreOptions options;
    options.login = QStringLiteral("alice");
    auto store = storage::BoardStore::open(path, options);
    if (!store)
        return {{QStringLiteral("knowledge_error"), store.error().message}};
    QElapsedTimer timer;
    timer.start();
    if (auto made = storage::populateGeneratedArticles(**store, articles); !made)
        return {{QStringLiteral("knowledge_error"), made.error().message}};
    const double addMs = elapsedMs(timer);
    // Measured on the widgets themselves, as a technician meets them: the card editor's pane opening on a card (its
    // links and suggestions read, the lists laid out), and the Knowledge view taking a keystroke (the index asked,
    // the list filled, the best match's text read and formatted).
    board::BoardModel model;
    if (auto loaded = model.load(**store); !loaded)
        return {{QStringLiteral("knowledge_error"), loaded.error().message}};
    const QList<qint64> cards = store.value()->cardIds().value();
    board::ArticlesPane pane(model);
    pane.setBoard(store.value().get(), nullptr);
    std::vector<double> suggestMs;
    int suggested = 0;
    for (qsizetype i = 0; i < cards.size() && suggestMs.size() < 200; i += std::max<qsizetype>(1, cards.size() / 200)) {
        timer.start();
        pane.showCard(cards.at(i));
        suggestMs.push_back(elapsedMs(timer));
        suggested += pane.suggestedModel()->rowCount();
    }
    board::KnowledgeView view(model);
    timer.start();
    view.setBoard(store.value().get(), nullptr); // every article's title read
    const double listMs = elapsedMs(timer);
    const int listed = view.model()->rowCount();
    std::vector<double> searchMs;
    for (const QString &typed :
         {QStringLiteral("printer"), QStringLiteral("vpn client"), QStringLiteral("password again"),
          QStringLiteral("docking station"), QStringLiteral("certificate expired"), QStringLiteral("licence server"),
          QStringLiteral("outlook")}) {
        view.searchField()->clear();
        for (qsizetype letters = 1; letters <= typed.size(); ++letters) {
            timer.start();
            view.searchField()->setText(typed.left(letters));
            searchMs.push_back(elapsedMs(timer));
        }
    }
    return {{QStringLiteral("knowledge_articles"), listed},
            {QStringLiteral("knowledge_cards"), double(cards.size())},
            {QStringLiteral("knowledge_add_ms"), rounded(addMs)},
            {QStringLiteral("knowledge_suggest_ms_median"), rounded(percentile(suggestMs, 0.5))},
            {QStringLiteral("knowledge_suggest_ms_p95"), rounded(percentile(suggestMs, 0.95))},
            {QStringLiteral("knowledge_suggest_ms_max"),
             rounded(*std::max_element(suggestMs.cbegin(), suggestMs.cend()))},
            {QStringLiteral("knowledge_suggested_per_card"), rounded(double(suggested) / double(suggestMs.size()))},
            {QStringLiteral("knowledge_search_ms_median"), rounded(percentile(searchMs, 0.5))},
            {QStringLiteral("knowledge_search_ms_p95"), rounded(percentile(searchMs, 0.95))},
            {QStringLiteral("knowledge_search_ms_max"), rounded(*std::max_element(searchMs.cbegin(), searchMs.cend()))},
            {QStringLiteral("knowledge_list_ms"), rounded(listMs)}};
}

int main(int argc, char *argv[])
{
    // Offscreen unless told otherwise: the figures are about the program, not a display server. The GUI's start
    // (--gui-start) is measured on the display given, if any.
    const QString givenPlatform = qEnvironmentVariable("QT_QPA_PLATFORM");
    const bool display = !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("helpboard-bench"));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QStandardPaths::setTestModeEnabled(true); // the window's settings go to a test location, never the user's
    QSettings().clear();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Generates a board and prints its performance figures as JSON."));
    parser.addHelpOption();
    const QCommandLineOption cardsOption(QStringLiteral("cards"), QStringLiteral("Cards (default 10000)."),
                                         QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption itemsOption(QStringLiteral("checklist-items"),
                                         QStringLiteral("Checklist items (default 5 per card)."), QStringLiteral("N"));
    const QCommandLineOption commentsOption(QStringLiteral("comments"),
                                            QStringLiteral("Comments (default 3 per card)."), QStringLiteral("N"));
    const QCommandLineOption keepOption(QStringLiteral("keep"), QStringLiteral("Keep the board at FILE."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption boardOption(
            QStringLiteral("board"), QStringLiteral("Measure the board at FILE (a copy of it) instead of making one."),
            QStringLiteral("FILE"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"),
                                           QStringLiteral("Also print each filter change's figures to stderr."));
    const QCommandLineOption cliOption(
            QStringLiteral("cli"),
            QStringLiteral("helpboard-cli, for the export and list figures (default: the one built beside this)."),
            QStringLiteral("FILE"), QApplication::applicationDirPath() + QStringLiteral("/../app/helpboard-cli"));
    const QCommandLineOption cliOnlyOption(
            QStringLiteral("cli-only"),
            QStringLiteral("Only the CLI's figures, on the board given with --board (no copy, nothing written)."));
    const QCommandLineOption guiStartOption(
            QStringLiteral("gui-start"),
            QStringLiteral("Only the GUI's start, process start to the board painted, N times (run under xvfb-run for "
                           "a real X server), on the board given with --board or one of --cards cards."),
            QStringLiteral("N"));
    const QCommandLineOption slaOnlyOption(
            QStringLiteral("sla-only"), QStringLiteral("Only the service-level clocks' figures, on --cards tickets."));
    const QCommandLineOption appOption(
            QStringLiteral("app"), QStringLiteral("helpboard, for --gui-start (default: the one built beside this)."),
            QStringLiteral("FILE"), QApplication::applicationDirPath() + QStringLiteral("/../app/helpboard"));
    const QCommandLineOption historyOption(
            QStringLiteral("history"),
            QStringLiteral("Only the metrics' figures (the dashboard, report --json), on a generated year of a help "
                           "desk of N tickets, or on the board given with --board (one kept from an earlier run)."),
            QStringLiteral("N"));
    const QCommandLineOption knowledgeOption(
            QStringLiteral("knowledge-only"),
            QStringLiteral("Only the knowledge base's figures: N articles added to a copy of the board given with "
                           "--board (suggestions for its cards, search as you type)."),
            QStringLiteral("N"));
    const QCommandLineOption importOption(
            QStringLiteral("import-only"),
            QStringLiteral("Only the imports' figures: a Trello export of N cards (3 comments, 5 checklist items "
                           "each) and a CSV of 2.5 N tickets, each imported by helpboard-cli into a new board."),
            QStringLiteral("N"));
    parser.addOptions({cardsOption, itemsOption, commentsOption, keepOption, boardOption, verboseOption, cliOption,
                       cliOnlyOption, guiStartOption, slaOnlyOption, appOption, historyOption, knowledgeOption,
                       importOption});
    parser.process(app);
    const QString cli = QFileInfo(parser.value(cliOption)).absoluteFilePath();
    if (parser.isSet(importOption)) {
        const QTemporaryDir scratch;
        const int cards = parser.value(importOption).toInt();
        const QJsonObject figures = measureImport(cli, scratch.path(), cards, cards * 5 / 2);
        QTextStream(stdout) << QJsonDocument(figures).toJson(QJsonDocument::Indented);
        return figures.contains(QStringLiteral("import_error")) ? 1 : 0;
    }
    if (parser.isSet(knowledgeOption)) {
        const QTemporaryDir scratch;
        const QString copy = scratch.filePath(QStringLiteral("knowledge.helpboard"));
        if (!parser.isSet(boardOption) || !QFile::copy(parser.value(boardOption), copy)) {
            QTextStream(stderr) << "helpboard-bench: --knowledge-only measures a copy of the board given with --board"
                                << Qt::endl;
            return 2;
        }
        const QJsonObject figures = measureKnowledge(copy, parser.value(knowledgeOption).toInt());
        QTextStream(stdout) << QJsonDocument(figures).toJson(QJsonDocument::Indented);
        return figures.contains(QStringLiteral("knowledge_error")) ? 1 : 0;
    }
    if (parser.isSet(historyOption)) {
        const QTemporaryDir scratch;
        // (a board given is measured on a copy: the measure adds comments)
        const bool reuse = parser.isSet(boardOption);
        const QString path = parser.isSet(keepOption) && !reuse ? parser.value(keepOption)
                                                                : scratch.filePath(QStringLiteral("history.helpboard"));
        if (reuse && !QFile::copy(parser.value(boardOption), path)) {
            QTextStream(stderr) << "helpboard-bench: could not copy " << parser.value(boardOption) << Qt::endl;
            return 2;
        }
        const QJsonObject figures = measureHistory(cli, path, parser.value(historyOption).toInt(), reuse);
        QTextStream(stdout) << QJsonDocument(figures).toJson(QJsonDocument::Indented);
        return figures.contains(QStringLiteral("history_error")) ? 1 : 0;
    }
    if (parser.isSet(cliOnlyOption)) {
        if (!parser.isSet(boardOption)) {
            QTextStream(stderr) << "helpboard-bench: --cli-only measures the board given with --board" << Qt::endl;
            return 2;
        }
        const QTemporaryDir scratch;
        QTextStream(stdout) << QJsonDocument(measureCli(cli, parser.value(boardOption), scratch.path()))
                                       .toJson(QJsonDocument::Indented);
        return 0;
    }

    const QJsonObject slaFigures = measureSla(parser.value(cardsOption).toInt());
    if (parser.isSet(slaOnlyOption)) {
        QTextStream(stdout) << QJsonDocument(slaFigures).toJson(QJsonDocument::Indented);
        return 0;
    }

    storage::GeneratedBoardSize size;
    size.cards = parser.value(cardsOption).toInt();
    size.checklistItems = parser.isSet(itemsOption) ? parser.value(itemsOption).toInt() : size.cards * 5;
    size.comments = parser.isSet(commentsOption) ? parser.value(commentsOption).toInt() : size.cards * 3;
    QTemporaryDir dir;
    const QString path =
            parser.isSet(keepOption) ? parser.value(keepOption) : dir.filePath(QStringLiteral("bench.helpboard"));
    QTextStream err(stderr);

    // 1. The board
    QElapsedTimer timer;
    timer.start();
    storage::GeneratedBoardCounts counts;
    if (parser.isSet(boardOption)) {
        // A copy: the moves below change it.
        if (!QFile::copy(parser.value(boardOption), path)) {
            err << "helpboard-bench: cannot copy " << parser.value(boardOption) << Qt::endl;
            return 1;
        }
        storage::StoreOptions options;
        options.login = QStringLiteral("alice");
        auto store = storage::BoardStore::open(path, options);
        if (!store) {
            err << "helpboard-bench: " << store.error().message << Qt::endl;
            return 1;
        }
        const QList<storage::Card> all = store.value()->cards().value();
        QHash<qint64, int> perColumn;
        for (const storage::Card &card : all) {
            ++perColumn[card.columnId];
            counts.checklistItems += card.checklistTotal;
            counts.comments += card.commentCount;
        }
        counts.cards = int(all.size());
        counts.labels = int(store.value()->labels()->size());
        counts.members = int(store.value()->members()->size());
        counts.columns = int(store.value()->columns()->size());
        counts.largestColumn = perColumn.isEmpty() ? 0 : *std::max_element(perColumn.cbegin(), perColumn.cend());
    } else {
        storage::StoreOptions options;
        options.login = QStringLiteral("alice");
        auto store = storage::BoardStore::create(path, QStringLiteral("Benchmark"), options);
        if (!store) {
            err << "helpboard-bench: " << store.error().message << Qt::endl;
            return 1;
        }
        if (auto made = storage::populateGeneratedBoard(**store, size, &counts); !made) {
            err << "helpboard-bench: " << made.error().message << Qt::endl;
            return 1;
        }
    }
    const double generateMs = elapsedMs(timer);
    if (parser.isSet(guiStartOption)) {
        QJsonObject figures =
                measureGuiStart(QFileInfo(parser.value(appOption)).absoluteFilePath(), path,
                                std::max(1, parser.value(guiStartOption).toInt()),
                                givenPlatform.isEmpty() && !display ? QStringLiteral("offscreen") : givenPlatform);
        figures.insert(QStringLiteral("cards"), counts.cards);
        figures.insert(QStringLiteral("columns"), counts.columns);
        QTextStream(stdout) << QJsonDocument(figures).toJson(QJsonDocument::Indented);
        return figures.contains(QStringLiteral("gui_start_error")) ? 1 : 0;
    }

    // 2. Reading: the floor, then the board model, then the window painted
    rawRead(path); // the file into the page cache, so both reads below start from the same place
    const double rawMs = rawRead(path);
    storage::StoreOptions options;
    options.login = QStringLiteral("alice");
    timer.start();
    double openMs = 0;
    {
        auto store = storage::BoardStore::open(path, options);
        board::BoardModel model;
        if (!store || !model.load(**store)) {
            err << "helpboard-bench: the board could not be opened" << Qt::endl;
            return 1;
        }
        openMs = elapsedMs(timer);
    }
    // The card editor's estimate ("usually resolved within"): the service levels, the tickets resolved in the last
    // 90 days with their clocks, and a median; 5 runs.
    std::vector<double> estimateMs;
    int estimateBasedOn = 0;
    {
        auto estimating = storage::BoardStore::open(path, options);
        for (int run = 0; run < 5 && estimating; ++run) {
            QElapsedTimer estimateTimer;
            estimateTimer.start();
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            auto desk = board::sla::Desk::read(**estimating);
            if (!desk)
                break;
            auto resolved = (*desk)->resolvedRecently(**estimating, now);
            if (!resolved)
                break;
            estimateBasedOn = board::sla::estimateOf(storage::Priority::Normal, 0, *resolved, now).basedOn;
            estimateMs.push_back(elapsedMs(estimateTimer));
        }
    }
    timer.start();
    auto store = storage::BoardStore::open(path, options);
    app::MainWindow window(std::move(store).value());
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();
    (void)window.grab(); // painted, offscreen
    const double firstPaintMs = elapsedMs(timer);
    const double rssMb = residentMb();

    // 3. Filtering: a word typed letter by letter, then toggles on and off (30 changes)
    auto *bar = window.findChild<board::FilterBar *>(QStringLiteral("filterBar"));
    std::vector<double> filterMs;
    std::vector<double> filterCpuMs;
    QList<board::CardFilter> changes;
    for (const QString &word : {QStringLiteral("printer"), QStringLiteral("network")}) {
        for (qsizetype letters = 1; letters <= word.size(); ++letters) {
            board::CardFilter typed;
            typed.search = word.left(letters);
            changes << typed;
        }
    }
    for (int i = 0; changes.size() < 30; ++i) {
        board::CardFilter toggled;
        toggled.overdue = i % 4 == 0;
        toggled.unassigned = i % 4 == 1;
        toggled.statuses =
                i % 4 == 2 ? QSet<storage::StatusTag>{storage::StatusTag::Blocked} : QSet<storage::StatusTag>();
        toggled.mine = i % 4 == 3;
        changes << toggled;
    }
    std::vector<double> applyMs;
    std::vector<double> typedMs;
    std::vector<double> toggledMs;
    CALLGRIND_START_INSTRUMENTATION;
    for (const board::CardFilter &change : std::as_const(changes)) {
        timer.start();
        const double cpuStart = threadCpuMs();
        bar->setFilter(change);
        applyMs.push_back(elapsedMs(timer));
        settle(); // the columns laid out again and repainted
        filterMs.push_back(elapsedMs(timer));
        filterCpuMs.push_back(threadCpuMs() - cpuStart);
        (change.search.isEmpty() ? toggledMs : typedMs).push_back(filterMs.back());
    }
    CALLGRIND_STOP_INSTRUMENTATION;
    if (parser.isSet(verboseOption)) {
        for (size_t i = 0; i < filterMs.size(); ++i) {
            const board::CardFilter &change = changes.at(qsizetype(i));
            err << "filter change " << i + 1 << " "
                << QJsonDocument(QJsonObject::fromVariantMap(change.toMap())).toJson(QJsonDocument::Compact)
                << ": applied in " << applyMs.at(i) << " ms, shown in " << filterMs.at(i) << " ms ("
                << filterCpuMs.at(i) << " ms of CPU)" << Qt::endl;
        }
    }
    bar->clear();
    QApplication::processEvents();

    // 3b. The minute tick: every card's clocks read as the poller reads them (its worker's cost), then handed to the
    // window with the At risk and Breached toggles on, which judges the cards again and repaints (the window's cost).
    // The clocks alternate between now and an hour later, so that badges and the filtered cards change each time.
    std::vector<double> tickReadMs;
    std::vector<double> tickMs;
    {
        auto ticking = storage::BoardStore::open(path, options);
        std::unique_ptr<board::sla::Desk> desk;
        QList<storage::Card> onBoard;
        if (ticking) {
            if (auto read = board::sla::Desk::read(**ticking))
                desk = std::move(read).value();
            if (auto cards = (*ticking)->cards())
                onBoard = std::move(cards).value();
        }
        board::CardFilter slaFilter;
        slaFilter.slaStates = {QStringLiteral("at-risk"), QStringLiteral("breached")};
        bar->setFilter(slaFilter);
        settle();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int tick = 0; desk && tick < 6; ++tick) {
            timer.start();
            auto clocks = desk->clocksOf(**ticking, onBoard, now + (tick % 2) * 3600'000);
            if (!clocks)
                break;
            tickReadMs.push_back(elapsedMs(timer));
            timer.start();
            window.model()->setClocks(*clocks, true);
            settle();
            tickMs.push_back(elapsedMs(timer));
        }
        bar->clear();
        QApplication::processEvents();
    }

    // 4. Searching comments and the rest with the full-text index
    std::vector<double> searchMs;
    auto reader = storage::BoardStore::open(path, options).value();
    for (const QString &query :
         {QStringLiteral("firmware"), QStringLiteral("restarted driver"), QStringLiteral("vend"),
          QStringLiteral("licence server"), QStringLiteral("cable"), QStringLiteral("polic"),
          QStringLiteral("remote log"), QStringLiteral("replaced"), QStringLiteral("account"),
          QStringLiteral("network error"), QStringLiteral("update again"), QStringLiteral("works now")}) {
        timer.start();
        (void)reader->search(query);
        searchMs.push_back(elapsedMs(timer));
    }

    // 5. Moves committed to disk (synchronous=FULL, as people's moves are)
    std::vector<double> moveMs;
    int moveFailures = 0;
    const QList<storage::Column> columns = reader->columns().value();
    storage::CardQuery first;
    first.columnId = columns.at(0).id;
    const QList<storage::Card> cards = reader->cards(first).value();
    for (int i = 0; i < 50 && i < cards.size(); ++i) {
        timer.start();
        const bool moved = reader->moveCard(cards.at(i).id, columns.at(1 + i % (columns.size() - 1)).id).ok();
        moveMs.push_back(elapsedMs(timer));
        moveFailures += moved ? 0 : 1;
    }

    // 6. Scrolling the longest column, one frame at a time
    auto *boardView = window.findChild<board::BoardView *>(QStringLiteral("boardView"));
    QListView *longest = nullptr;
    for (int column = 0; column < boardView->columnCount(); ++column) {
        QListView *view = boardView->columnView(column);
        if (!longest || view->model()->rowCount(view->rootIndex()) > longest->model()->rowCount(longest->rootIndex()))
            longest = view;
    }
    std::vector<double> scrollMs;
    QScrollBar *scroll = longest->verticalScrollBar();
    // Long columns are laid out in batches between events: scrolling starts when all of it is.
    const QModelIndex lastCard =
            longest->model()->index(longest->model()->rowCount(longest->rootIndex()) - 1, 0, longest->rootIndex());
    for (int spins = 0; spins < 10'000 && !longest->visualRect(lastCard).isValid(); ++spins)
        QApplication::processEvents();
    for (int spins = 0, stable = 0, last = -1; spins < 10'000 && stable < 20; ++spins) {
        QApplication::processEvents();
        stable = scroll->maximum() == last ? stable + 1 : 0;
        last = scroll->maximum();
    }
    const int stepPx = std::max(1, longest->viewport()->height() / 3);
    for (int value = 0, frames = 0; value <= scroll->maximum() && frames < 300; value += stepPx, ++frames) {
        timer.start();
        scroll->setValue(value);
        longest->viewport()->repaint();
        scrollMs.push_back(elapsedMs(timer));
    }

    // 7. The window's edge dragged: the columns share its width, in steps, and their cards wrap again at each one
    std::vector<double> resizeMs;
    int widthsTaken = 0;
    for (int width = 2560; width >= 1200; width -= 80) {
        const int before = boardView->columnWidth();
        timer.start();
        window.resize(width, 1000);
        settle();
        resizeMs.push_back(elapsedMs(timer));
        widthsTaken += boardView->columnWidth() != before ? 1 : 0;
    }

    QJsonObject result{
            {QStringLiteral("cards"), counts.cards},
            {QStringLiteral("checklist_items"), counts.checklistItems},
            {QStringLiteral("comments"), counts.comments},
            {QStringLiteral("labels"), counts.labels},
            {QStringLiteral("members"), counts.members},
            {QStringLiteral("columns"), counts.columns},
            {QStringLiteral("largest_column"), counts.largestColumn},
            {QStringLiteral("file_mb"), rounded(double(QFileInfo(path).size()) / (1024.0 * 1024.0))},
            {QStringLiteral("generate_ms"), rounded(generateMs)},
            {QStringLiteral("raw_read_ms"), rounded(rawMs)},
            {QStringLiteral("open_ms"), rounded(openMs)},
            {QStringLiteral("open_vs_raw"), rounded(rawMs > 0 ? openMs / rawMs : 0)},
            {QStringLiteral("first_paint_ms"), rounded(firstPaintMs)},
            {QStringLiteral("filter_ms_median"), rounded(percentile(filterMs, 0.5))},
            {QStringLiteral("filter_ms_p95"), rounded(percentile(filterMs, 0.95))},
            {QStringLiteral("filter_cpu_ms_median"), rounded(percentile(filterCpuMs, 0.5))},
            {QStringLiteral("filter_cpu_ms_p95"), rounded(percentile(filterCpuMs, 0.95))},
            {QStringLiteral("filter_apply_ms_median"), rounded(percentile(applyMs, 0.5))},
            {QStringLiteral("filter_typed_ms_median"), rounded(percentile(typedMs, 0.5))},
            {QStringLiteral("filter_toggle_ms_median"), rounded(percentile(toggledMs, 0.5))},
            {QStringLiteral("search_ms_median"), rounded(percentile(searchMs, 0.5))},
            {QStringLiteral("move_ms_median"), rounded(percentile(moveMs, 0.5))},
            {QStringLiteral("move_failures"), moveFailures},
            {QStringLiteral("scroll_frames"), int(scrollMs.size())},
            {QStringLiteral("scroll_frame_ms_p95"), rounded(percentile(scrollMs, 0.95))},
            {QStringLiteral("resize_steps"), int(resizeMs.size())},
            {QStringLiteral("resize_column_widths"), widthsTaken},
            {QStringLiteral("resize_ms_median"), rounded(percentile(resizeMs, 0.5))},
            {QStringLiteral("resize_ms_max"), rounded(percentile(resizeMs, 1.0))},
            {QStringLiteral("estimate_ms"), rounded(percentile(estimateMs, 0.5))},
            {QStringLiteral("tick_read_ms"), rounded(percentile(tickReadMs, 0.5))},
            {QStringLiteral("tick_ms_median"), rounded(percentile(tickMs, 0.5))},
            {QStringLiteral("tick_ms_max"), rounded(percentile(tickMs, 1.0))},
            {QStringLiteral("estimate_based_on"), estimateBasedOn},
            {QStringLiteral("rss_mb"), rounded(rssMb)},
            {QStringLiteral("rss_mb_at_end"), rounded(residentMb())},
    };
    // The CLI's streamed readers, on the same board, in processes of their own; and the dashboard.
    window.close();
    const QJsonObject metricsFigures = measureMetrics(path);
    for (auto figure = metricsFigures.constBegin(); figure != metricsFigures.constEnd(); ++figure)
        result.insert(figure.key(), figure.value());
    const QJsonObject cliFigures = measureCli(cli, path, dir.path());
    for (auto figure = cliFigures.constBegin(); figure != cliFigures.constEnd(); ++figure)
        result.insert(figure.key(), figure.value());
    for (auto figure = slaFigures.constBegin(); figure != slaFigures.constEnd(); ++figure)
        result.insert(figure.key(), figure.value());
    // Last: it adds 2,000 articles to the board.
    const QJsonObject knowledgeFigures = measureKnowledge(path, 2000);
    for (auto figure = knowledgeFigures.constBegin(); figure != knowledgeFigures.constEnd(); ++figure)
        result.insert(figure.key(), figure.value());
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Indented);
    return 0;
}
