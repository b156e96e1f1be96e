// SPDX-License-Identifier: GPL-3.0-or-later
#include <board/model/boardmodel.h>
#include <board/widgets/board/carddelegate.h>
#include <board/widgets/common/theme.h>

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

/// The application's palette, or a dark one, for the sheets of cards kept for people to look at.
QPalette sheetPalette(bool dark)
{
    QPalette palette = QApplication::palette();
    if (dark) {
        palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        palette.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    }
    return palette;
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
        QCOMPARE(image.pixelColor(inStripe).rgb(), theme::priority(priority).rgb());
        QCOMPARE(image.pixelColor(layout.card.center().x(), layout.card.bottom() - 2).rgb(),
                 QApplication::palette().color(QPalette::Base).rgb());
    }

    void shouldPaintTheServiceLevelBadgeOfEachState_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("text"); ///< BoardModel::SlaTextRole: empty when a met clock shows nothing
        QTest::addColumn<int>("width");
        QTest::addColumn<QString>("look"); ///< "danger" or "warning" (filled), "outline", or "none"
        QTest::newRow("breached") << QStringLiteral("breached") << QStringLiteral("2h over") << 290
                                  << QStringLiteral("danger");
        QTest::newRow("missed (resolved)")
                << QStringLiteral("missed") << QStringLiteral("missed") << 290 << QStringLiteral("danger");
        QTest::newRow("at risk") << QStringLiteral("at-risk") << QStringLiteral("40m left") << 290
                                 << QStringLiteral("warning");
        QTest::newRow("on track") << QStringLiteral("ok") << QStringLiteral("3h left") << 290
                                  << QStringLiteral("outline");
        QTest::newRow("paused") << QStringLiteral("paused") << QStringLiteral("paused") << 290
                                << QStringLiteral("outline");
        QTest::newRow("met: nothing") << QStringLiteral("met") << QString() << 290 << QStringLiteral("none");
        // A narrow card: over and at risk still said in a word, on track says nothing
        QTest::newRow("narrow, breached")
                << QStringLiteral("breached") << QStringLiteral("123h 59m over") << 160 << QStringLiteral("danger");
        QTest::newRow("narrow, at risk") << QStringLiteral("at-risk") << QStringLiteral("14m 59s left, at risk") << 160
                                         << QStringLiteral("warning");
        QTest::newRow("narrow, on track")
                << QStringLiteral("ok") << QStringLiteral("123h 59m left, on track") << 160 << QStringLiteral("none");
    }

    void shouldPaintTheServiceLevelBadgeOfEachState()
    {
        QFETCH(QString, state);
        QFETCH(QString, text);
        QFETCH(int, width);
        QFETCH(QString, look);
        const QModelIndex index = card(QStringLiteral("Printer jam"),
                                       {{BoardModel::SlaStateRole, state}, {BoardModel::SlaTextRole, text}});
        QStyleOptionViewItem option = optionOfWidth(width);
        const CardDelegate::Layout layout = m_delegate.layout(option, index);
        option.rect.setHeight(layout.card.bottom() + 10);
        QImage image(option.rect.size(), QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            m_delegate.paint(&painter, option, index);
        }
        // The footer holds nothing else (no status, due date, counters or assignee): what is painted there is the
        // badge's. An outlined one has no fill of its own: its outline and text, off the card's base colour.
        const QRgb base = QApplication::palette().color(QPalette::Base).rgb();
        int danger = 0;
        int warning = 0;
        int painted = 0;
        // (not the card's edges, nor its priority stripe)
        const QRect footer = layout.footer.intersected(layout.card.adjusted(layout.stripe.width() + 3, 0, -3, 0))
                                     .intersected(image.rect());
        for (int y = footer.top(); y <= footer.bottom(); ++y) {
            for (int x = footer.left(); x <= footer.right(); ++x) {
                const QRgb pixel = image.pixel(x, y);
                danger += pixel == theme::fill(theme::Mark::Danger).rgb() ? 1 : 0;
                warning += pixel == theme::fill(theme::Mark::Warning).rgb() ? 1 : 0;
                painted += pixel != base ? 1 : 0;
            }
        }
        QCOMPARE(danger > 20, look == u"danger");
        QCOMPARE(warning > 20, look == u"warning");
        QCOMPARE(painted > 20, look != u"none");
    }

    void shouldShowEveryBadgeOnLightAndDarkPalettes_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void shouldShowEveryBadgeOnLightAndDarkPalettes()
    {
        // Every state on one sheet, kept as a test artifact for people to look at (sla-badges-light.png, -dark.png)
        QFETCH(bool, dark);
        const QPalette palette = sheetPalette(dark);
        const QList<std::pair<QString, QString>> states{{QStringLiteral("ok"), QStringLiteral("3h 10m left")},
                                                        {QStringLiteral("at-risk"), QStringLiteral("40m left")},
                                                        {QStringLiteral("breached"), QStringLiteral("2h over")},
                                                        {QStringLiteral("paused"), QStringLiteral("paused")},
                                                        {QStringLiteral("missed"), QStringLiteral("missed")}};
        QImage sheet(300, 70 * int(states.size()) + 10, QImage::Format_ARGB32);
        sheet.fill(palette.color(QPalette::Window));
        QPainter painter(&sheet);
        int top = 5;
        for (const auto &[state, text] : states) {
            const QModelIndex index = card(QStringLiteral("Printer jam on the 3rd floor"),
                                           {{BoardModel::SlaStateRole, state},
                                            {BoardModel::SlaTextRole, text},
                                            {BoardModel::PriorityRole, QStringLiteral("normal")}});
            QStyleOptionViewItem option = optionOfWidth(290);
            option.palette = palette;
            const CardDelegate::Layout layout = m_delegate.layout(option, index);
            option.rect = QRect(0, top, 290, layout.card.bottom() + 5);
            m_delegate.paint(&painter, option, index);
            // THEN the badge shows off the card's base on either palette
            const QRect footer = m_delegate.layout(option, index).footer.adjusted(8, 0, 0, 0);
            int painted = 0;
            for (int y = footer.top(); y <= footer.bottom(); ++y) {
                for (int x = footer.left(); x <= std::min(footer.right(), sheet.width() - 1); ++x)
                    painted += sheet.pixel(x, y) != palette.color(QPalette::Base).rgb() ? 1 : 0;
            }
            QVERIFY2(painted > 20, qPrintable(state));
            top += 70;
        }
        painter.end();
        QVERIFY(sheet.save(QStringLiteral("sla-badges-%1.png").arg(dark ? u"dark" : u"light")));
    }

    void shouldPaintTheEscalationChipOutlinedOnLightAndDark_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void shouldPaintTheEscalationChipOutlinedOnLightAndDark()
    {
        // Kept as a test artifact for people to look at (escalation-chips-light.png, -dark.png)
        QFETCH(bool, dark);
        const QPalette palette = sheetPalette(dark);
        const QString longName = QStringLiteral("Contoso Managed Services, Northern Europe field engineering");
        const QList<std::tuple<QString, QString, QString>> cards{
                {QStringLiteral("Network team"), QStringLiteral("second-line"), QStringLiteral("critical")},
                {QStringLiteral("Dell ProSupport"), QStringLiteral("vendor"), QStringLiteral("normal")},
                {longName, QStringLiteral("vendor"), QStringLiteral("high")}};
        QImage sheet(300, 70 * int(cards.size()) + 10, QImage::Format_ARGB32);
        sheet.fill(palette.color(QPalette::Window));
        QPainter painter(&sheet);
        int top = 5;
        for (const auto &[name, kind, priority] : cards) {
            const QModelIndex index =
                    card(QStringLiteral("Monitor flickering on reception desk"),
                         {{BoardModel::EscalationRole, name},
                          {BoardModel::EscalationKindRole, kind},
                          {BoardModel::PriorityRole, priority},
                          {BoardModel::LabelsRole,
                           QVariantList{QVariantMap{{QStringLiteral("name"), QStringLiteral("Hardware")},
                                                    {QStringLiteral("color"), QStringLiteral("#c0392b")}}}}});
            QStyleOptionViewItem option = optionOfWidth(290);
            option.palette = palette;
            option.rect = QRect(0, top, 290, 400);
            const CardDelegate::Layout layout = m_delegate.layout(option, index);
            option.rect.setHeight(layout.card.bottom() - top + 5);
            m_delegate.paint(&painter, option, index);
            // THEN the chip comes after an urgent priority's, names the target (cut short when long, inside the card)
            QVERIFY(layout.escalationChip);
            const auto chip =
                    std::find_if(layout.labels.cbegin(), layout.labels.cend(),
                                 [](const CardDelegate::Chip &each) { return each.text.startsWith(u'\u2192'); });
            QVERIFY(chip != layout.labels.cend());
            QCOMPARE(chip - layout.labels.cbegin(), priority == u"normal" ? 0 : 1);
            if (name == longName)
                QVERIFY2(chip->text.endsWith(QChar(0x2026)) && chip->rect.right() <= layout.card.right(),
                         qPrintable(chip->text));
            else
                QCOMPARE(chip->text, QStringLiteral("\u2192 ") + name);
            // AND it is outlined in its kind's colour: the card's base inside, the colour on its edge
            QVERIFY(chip->outlined);
            QCOMPARE(chip->color.hue(), theme::escalation(kind).hue());
            // AND whatever follows stays inside the card
            QVERIFY(layout.labels.constLast().rect.right() <= layout.card.right());
            const QPoint inside(chip->rect.left() + 3, chip->rect.center().y());
            QCOMPARE(QColor(sheet.pixel(inside)), palette.color(QPalette::Base));
            int edge = 0;
            for (int x = chip->rect.left(); x < chip->rect.left() + 4; ++x) {
                const QColor seen(sheet.pixel(x, chip->rect.center().y()));
                edge = std::max(edge,
                                255 - std::abs(seen.hue() - chip->color.hue()) - (seen.saturation() < 60 ? 255 : 0));
            }
            QVERIFY2(edge > 200, qPrintable(name));
            top += 70;
        }
        painter.end();
        QVERIFY(sheet.save(QStringLiteral("escalation-chips-%1.png").arg(dark ? u"dark" : u"light")));
    }

    void shouldPaintFromItsSpritesWhatItPaintedFirst_data()
    {
        QTest::addColumn<qreal>("ratio");
        QTest::addColumn<bool>("selected");
        QTest::newRow("100 %") << qreal(1) << false;
        QTest::newRow("100 %, selected") << qreal(1) << true;
        QTest::newRow("200 %") << qreal(2) << false;
        QTest::newRow("150 %, drawn whole") << qreal(1.5) << true;
    }

    void shouldPaintFromItsSpritesWhatItPaintedFirst()
    {
        QFETCH(qreal, ratio);
        QFETCH(bool, selected);
        CardDelegate delegate;
        delegate.setNow(s_now);
        const QVariantList labels{QVariantMap{{QStringLiteral("name"), QStringLiteral("Network")},
                                              {QStringLiteral("color"), QStringLiteral("#16a085")}}};
        const QModelIndex index = card(QStringLiteral("VPN drops every hour"),
                                       {{BoardModel::PriorityRole, QStringLiteral("critical")},
                                        {BoardModel::LabelsRole, labels},
                                        {BoardModel::StatusTextRole, QStringLiteral("Blocked")},
                                        {BoardModel::StatusRole, QStringLiteral("blocked")},
                                        {BoardModel::DueRole, QDateTime::fromMSecsSinceEpoch(s_now - 50 * s_hour)},
                                        {BoardModel::ChecklistTotalRole, 4},
                                        {BoardModel::ChecklistDoneRole, 1},
                                        {BoardModel::CommentCountRole, 2},
                                        {BoardModel::AssigneeNameRole, QStringLiteral("Ben Okafor")}});
        QStyleOptionViewItem option = optionOfWidth(290);
        if (selected)
            option.state |= QStyle::State_Selected;
        const CardDelegate::Layout layout = delegate.layout(option, index);
        option.rect.setHeight(layout.card.bottom() + 6);
        auto paint = [&] {
            QImage image(option.rect.size() * ratio, QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(ratio);
            image.fill(Qt::transparent);
            QPainter painter(&image);
            delegate.paint(&painter, option, index);
            return image;
        };
        // WHEN a card is painted twice
        const QImage first = paint();
        const qsizetype sprites = delegate.rememberedSprites();
        QVERIFY(sprites > 0);
        const QImage second = paint();
        // THEN the second time comes from what the first made, and looks the same to the pixel
        QCOMPARE(delegate.rememberedSprites(), sprites);
        QCOMPARE(second, first);
        // AND it is the card: its stripe, its border (highlighted when selected), its body and its label chip
        // (a logical pixel's first device pixel; at 150 % edges blend by a level or two)
        auto is = [&](QPoint logical, const QColor &expected) {
            const QColor actual = first.pixelColor((QPointF(logical) * ratio).toPoint());
            const bool close = std::abs(actual.red() - expected.red()) <= 2
                               && std::abs(actual.green() - expected.green()) <= 2
                               && std::abs(actual.blue() - expected.blue()) <= 2 && actual.alpha() == 255;
            if (!close)
                qWarning() << "at" << logical << actual << "expected" << expected;
            return close;
        };
        QVERIFY(is(layout.stripe.center(), theme::priority(QStringLiteral("critical"))));
        const QPalette palette = QApplication::palette();
        const QColor border = palette.color(selected ? QPalette::Highlight : QPalette::Mid);
        QVERIFY(is(QPoint(layout.card.center().x(), layout.card.top()), border));
        QVERIFY(is(QPoint(layout.card.center().x(), layout.card.bottom()), border));
        QVERIFY(is(QPoint(layout.card.right(), layout.card.center().y()), border));
        QVERIFY(is(QPoint(layout.card.right() - 3, layout.card.center().y()), palette.color(QPalette::Base)));
        // (a critical card: its priority is named by the first chip, outlined in the stripe's colour, not filled as
        // a label of the same colour would be)
        QVERIFY(layout.labels.size() >= 2);
        QVERIFY(layout.priorityChip);
        QCOMPARE(layout.labels.constFirst().text, QStringLiteral("Critical"));
        QCOMPARE(layout.labels.constFirst().color, theme::priority(QStringLiteral("critical")));
        const QRect priorityChip = layout.labels.constFirst().rect;
        QVERIFY(is(QPoint(priorityChip.left() + 3, priorityChip.center().y()), palette.color(QPalette::Base)));
        const QRect chip = layout.labels.at(1).rect; // inside its rounded end, left of its text
        QVERIFY(is(QPoint(chip.left() + 3, chip.center().y()), QColor(0x16, 0xa0, 0x85)));
        // AND outside the rounded corner nothing is painted
        QCOMPARE(first.pixelColor(layout.card.topLeft() * ratio).alpha(), 0);
    }

    void shouldStartItsSpritesAgainForAnotherFont()
    {
        CardDelegate delegate;
        const QModelIndex index = card(QStringLiteral("Printer jam"));
        QStyleOptionViewItem option = optionOfWidth(290);
        QImage image(290, 200, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            delegate.paint(&painter, option, index);
        }
        QVERIFY(delegate.rememberedSprites() > 0);
        const qsizetype sprites = delegate.rememberedSprites();
        option.font.setPointSizeF(option.font.pointSizeF() * 2);
        const QImage before = image.copy();
        {
            QPainter painter(&image);
            delegate.paint(&painter, option, index);
        }
        // the text was laid out again in the larger font, not reused: as a delegate that never saw the first draws it
        QVERIFY(image != before);
        CardDelegate fresh;
        QImage expected(image.size(), image.format());
        expected.fill(Qt::transparent);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            delegate.paint(&painter, option, index);
        }
        {
            QPainter painter(&expected);
            fresh.paint(&painter, option, index);
        }
        QCOMPARE(image, expected);
        QCOMPARE(delegate.rememberedSprites(), sprites);
    }

    void shouldWashAllOfTheCardFilesAreDraggedOver()
    {
        CardDelegate delegate;
        const QModelIndex index = card(QStringLiteral("Printer jam on the 3rd floor"),
                                       {{BoardModel::CommentCountRole, 2}, {BoardModel::ChecklistTotalRole, 3}});
        QStyleOptionViewItem option = optionOfWidth(290);
        const CardDelegate::Layout layout = delegate.layout(option, index);
        option.rect.setHeight(layout.card.bottom() + 6);
        auto plainBase = [&](bool target) {
            delegate.setDropTarget(target ? QModelIndex(index) : QModelIndex());
            QImage image(option.rect.size(), QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            {
                QPainter painter(&image);
                delegate.paint(&painter, option, index);
            }
            // pixels of the bare card colour where the title and the footer are
            const QRgb base = QApplication::palette().color(QPalette::Base).rgb();
            int count = 0;
            for (const QRect &area : {layout.titleRect, layout.footer}) {
                for (int y = area.top(); y <= area.bottom(); ++y) {
                    for (int x = area.left(); x <= area.right(); ++x)
                        count += image.pixel(x, y) == base ? 1 : 0;
                }
            }
            return count;
        };
        QVERIFY(plainBase(false) > 100);
        // the wash goes over the text too, not around it
        QCOMPARE(plainBase(true), 0);
    }

    void shouldPaintMarkupInTitlesAsText()
    {
        // "<i></i>" is nothing as rich text and seven characters as plain text: cards show what people typed.
        const QModelIndex index = card(QStringLiteral("<i></i>"));
        const QStyleOptionViewItem option = optionOfWidth(290);
        const CardDelegate::Layout layout = m_delegate.layout(option, index);
        QCOMPARE(layout.titleLines, QStringList{QStringLiteral("<i></i>")});
        QImage image(option.rect.size(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            m_delegate.paint(&painter, option, index);
        }
        const QColor base = QApplication::palette().color(QPalette::Base);
        int inked = 0;
        for (int y = layout.titleRect.top(); y <= layout.titleRect.bottom(); ++y) {
            for (int x = layout.titleRect.left(); x <= layout.titleRect.right(); ++x)
                inked += image.pixelColor(x, y).rgb() != base.rgb() ? 1 : 0;
        }
        QVERIFY2(inked > 20, qPrintable(QStringLiteral("%1 pixels of title text").arg(inked)));
    }
};

QTEST_MAIN(tst_CardDelegate)
#include "tst_carddelegate.moc"
