// SPDX-License-Identifier: GPL-3.0-or-later
#include <board/boardmodel.h>
#include <board/carddelegate.h>

#include <QApplication>
#include <QDateTime>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTest>

using namespace hb::board;

namespace {

constexpr qint64 s_now = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr qint64 s_hour = 3600'000;

QStyleOptionViewItem optionOfWidth(int width)
{
    QStyleOptionViewItem option;
    option.rect = QRect(0, 0, width, 400);
    option.font = QApplication::font();
    option.palette = QApplication::palette();
    return option;
}

} // namespace

class tst_CardDelegate : public QObject
{
    Q_OBJECT

private:
    QStandardItemModel m_model;
    CardDelegate m_delegate;

    QModelIndex card(const QString &title, const QMap<int, QVariant> &roles = {})
    {
        auto *item = new QStandardItem(title);
        for (auto it = roles.cbegin(); it != roles.cend(); ++it)
            item->setData(it.value(), it.key());
        m_model.appendRow(item);
        return item->index();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        m_delegate.setNow(s_now);
    }

    void cleanup() { m_model.clear(); }

    void shouldWrapTitlesToAtMostThreeLines_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("lines");
        QTest::addColumn<bool>("elided");
        QTest::newRow("short") << QStringLiteral("Printer jam") << 1 << false;
        QTest::newRow("two lines") << QStringLiteral("Disk space alert: file server FS01 drive E: at 96 percent") << 2
                                   << false;
        QTest::newRow("very long") << QStringLiteral(
                "Laptop keeps losing Wi-Fi in the east wing meeting rooms after the driver update last "
                "week and the user cannot join calls, tried everything in the knowledge base twice")
                                   << 3 << true;
        QTest::newRow("one long word") << QString(300, QLatin1Char('x')) << 3 << true;
    }

    void shouldWrapTitlesToAtMostThreeLines()
    {
        QFETCH(QString, title);
        QFETCH(int, lines);
        QFETCH(bool, elided);
        const CardDelegate::Layout layout = m_delegate.layout(optionOfWidth(290), card(title));
        QCOMPARE(layout.titleLines.size(), lines);
        QCOMPARE(layout.titleLines.constLast().endsWith(QChar(0x2026)), elided);
        QVERIFY(layout.titleRect.height() > 0);
        QVERIFY(layout.card.contains(layout.footer));
    }

    void shouldGrowWithTheTitleUpToThreeLines()
    {
        const QStyleOptionViewItem option = optionOfWidth(290);
        const int one = m_delegate.layout(option, card(QStringLiteral("VPN"))).card.height();
        const int three = m_delegate.layout(option, card(QString(200, QLatin1Char('w')))).card.height();
        const int many = m_delegate.layout(option, card(QString(2000, QLatin1Char('w')))).card.height();
        QVERIFY(three > one);
        QCOMPARE(many, three);
    }

    void shouldRememberHeightsButNeverShowAStaleOne()
    {
        CardDelegate delegate;
        const QStyleOptionViewItem narrow = optionOfWidth(200);
        const QStyleOptionViewItem wide = optionOfWidth(600);
        const QModelIndex index = card(QStringLiteral("VPN"));
        const int short200 = delegate.sizeHint(narrow, index).height();
        // the same card at the same width is measured once
        QCOMPARE(delegate.sizeHint(narrow, index).height(), short200);
        QCOMPARE(delegate.rememberedHeights(), 1);
        QCOMPARE(short200, delegate.layout(narrow, index).card.height() + 10);
        // a longer title (a rename, shown before it is even saved) is measured anew, at each width
        const QString longTitle =
                QStringLiteral("Laptop keeps losing Wi-Fi in the east wing meeting rooms since the update");
        m_model.setData(index, longTitle);
        const int long200 = delegate.sizeHint(narrow, index).height();
        const int long600 = delegate.sizeHint(wide, index).height();
        QVERIFY(long200 > short200);
        QVERIFY(long600 < long200);
        QCOMPARE(long200, delegate.layout(narrow, index).card.height() + 10);
        // labels add a row
        m_model.setData(index,
                        QVariantList{QVariantMap{{QStringLiteral("name"), QStringLiteral("VPN")},
                                                 {QStringLiteral("color"), QStringLiteral("#2980b9")}}},
                        BoardModel::LabelsRole);
        QVERIFY(delegate.sizeHint(narrow, index).height() > long200);
        QCOMPARE(delegate.rememberedHeights(), 4);
        // a new font forgets every height
        QStyleOptionViewItem bigger = narrow;
        bigger.font.setPointSizeF(narrow.font.pointSizeF() * 2);
        QVERIFY(delegate.sizeHint(bigger, index).height() > delegate.sizeHint(narrow, index).height());
        QCOMPARE(delegate.rememberedHeights(), 1);
    }

    void shouldShowMarkupAsPlainText()
    {
        const QString title = QStringLiteral("<b>x</b><img src=y>");
        const CardDelegate::Layout layout = m_delegate.layout(optionOfWidth(290), card(title));
        QCOMPARE(layout.titleLines, QStringList{title});
    }

    void shouldTellHowDueTheCardIs_data()
    {
        QTest::addColumn<qint64>("due");
        QTest::addColumn<bool>("resolved");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("text");
        using State = CardDelegate::DueState;
        QTest::newRow("no due date") << qint64(0) << false << int(State::None) << QString();
        QTest::newRow("an hour late") << s_now - s_hour << false << int(State::Overdue) << QStringLiteral("Overdue");
        QTest::newRow("three days late") << s_now - 72 * s_hour << false << int(State::Overdue)
                                         << QStringLiteral("Overdue 3d");
        QTest::newRow("in two hours") << s_now + 2 * s_hour << false << int(State::Soon) << QStringLiteral("Due ");
        QTest::newRow("in three days") << s_now + 72 * s_hour << false << int(State::Later) << QStringLiteral("Due ");
        QTest::newRow("late but resolved") << s_now - s_hour << true << int(State::Later) << QStringLiteral("Due ");
    }

    void shouldTellHowDueTheCardIs()
    {
        QFETCH(qint64, due);
        QFETCH(bool, resolved);
        QFETCH(int, state);
        QFETCH(QString, text);
        QMap<int, QVariant> roles{{BoardModel::ResolvedRole, resolved}};
        if (due)
            roles.insert(BoardModel::DueRole, QDateTime::fromMSecsSinceEpoch(due, Qt::UTC));
        const CardDelegate::Layout layout = m_delegate.layout(optionOfWidth(290), card(QStringLiteral("x"), roles));
        QCOMPARE(int(layout.dueState), state);
        QVERIFY2(layout.due.startsWith(text), qPrintable(layout.due));
    }

    void shouldCountLabelsThatDoNotFit()
    {
        QVariantList labels;
        for (int i = 0; i < 8; ++i)
            labels << QVariantMap{{QStringLiteral("name"), QStringLiteral("Label number %1").arg(i)},
                                  {QStringLiteral("color"), QStringLiteral("#2471a3")}};
        const CardDelegate::Layout layout =
                m_delegate.layout(optionOfWidth(290), card(QStringLiteral("x"), {{BoardModel::LabelsRole, labels}}));
        QVERIFY(layout.labels.size() < 8);
        const QString more = layout.labels.constLast().text;
        QVERIFY2(more.startsWith(QLatin1Char('+')), qPrintable(more));
        QCOMPARE(int(layout.labels.size()) - 1 + more.mid(1).toInt(), 8);
        for (const CardDelegate::Chip &chip : layout.labels)
            QVERIFY(layout.card.contains(chip.rect));
    }

    void shouldSummarizeTheFooter()
    {
        const CardDelegate::Layout layout = m_delegate.layout(
                optionOfWidth(290),
                card(QStringLiteral("x"), {{BoardModel::ChecklistDoneRole, 2},
                                           {BoardModel::ChecklistTotalRole, 5},
                                           {BoardModel::CommentCountRole, 3},
                                           {BoardModel::AttachmentCountRole, 1},
                                           {BoardModel::StatusTextRole, QStringLiteral("Blocked")},
                                           {BoardModel::AssigneeNameRole, QStringLiteral("Ben Okafor")}}));
        QCOMPARE(layout.progress, QStringLiteral("2/5"));
        QCOMPARE(layout.comments, 3);
        QCOMPARE(layout.attachments, 1);
        QCOMPARE(layout.status, QStringLiteral("Blocked"));
        QCOMPARE(layout.initials, QStringLiteral("BO"));
    }

    void shouldMakeInitials_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("initials");
        QTest::newRow("first and last") << QStringLiteral("Ben Okafor") << QStringLiteral("BO");
        QTest::newRow("three names") << QStringLiteral("Anna Maria Lopez") << QStringLiteral("AL");
        QTest::newRow("login only") << QStringLiteral("alice") << QStringLiteral("AL");
        QTest::newRow("nobody") << QString() << QString();
    }

    void shouldMakeInitials()
    {
        QFETCH(QString, name);
        QFETCH(QString, initials);
        QCOMPARE(CardDelegate::initialsOf(name), initials);
    }

    void shouldPaintThePriorityStripe_data()
    {
        QTest::addColumn<QString>("priority");
        QTest::newRow("critical") << QStringLiteral("critical");
        QTest::newRow("low") << QStringLiteral("low");
    }

    void shouldPaintThePriorityStripe()
    {
        QFETCH(QString, priority);
        const QModelIndex index = card(QStringLiteral("Printer jam"), {{BoardModel::PriorityRole, priority}});
        QStyleOptionViewItem option = optionOfWidth(290);
        const CardDelegate::Layout layout = m_delegate.layout(option, index);
        option.rect.setHeight(layout.card.bottom() + 10);
        QImage image(option.rect.size(), QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            m_delegate.paint(&painter, option, index);
        }
        const QPoint inStripe(layout.stripe.center().x(), layout.stripe.center().y());
        QCOMPARE(image.pixelColor(inStripe).rgb(), CardDelegate::priorityColor(priority).rgb());
        QCOMPARE(image.pixelColor(layout.card.center().x(), layout.card.bottom() - 2).rgb(),
                 QApplication::palette().color(QPalette::Base).rgb());
    }
};

QTEST_MAIN(tst_CardDelegate)
#include "tst_carddelegate.moc"
