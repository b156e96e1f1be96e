// SPDX-License-Identifier: GPL-3.0-or-later
// The knowledge base in the window, driven as a technician does: Ctrl+K, search as you type, the keyboard through the
// list, delete and undo; in the card editor the suggested article first, "Solved with This" clicked and undone, its
// checklist applied, and a card written up as an article; a colleague's article showing up; and the article model
// under QAbstractItemModelTester.
#include "demowindowtestcase.h"

#include <board/actions/boardactions.h>
#include <board/model/articlemodel.h>
#include <board/rules/articledraft.h>
#include <board/widgets/cardeditor/articlespane.h>
#include <board/widgets/cardeditor/cardeditor.h>
#include <board/widgets/common/markdownview.h>
#include <board/widgets/knowledge/articledialog.h>
#include <board/widgets/knowledge/knowledgeview.h>

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QTimer>

using namespace hb;
using namespace Qt::StringLiterals;

class tst_Knowledge : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<app::MainWindow> m_window;

    board::KnowledgeView *knowledge() const { return m_window->findChild<board::KnowledgeView *>(); }
    QDockWidget *dock() const { return m_window->findChild<QDockWidget *>(u"knowledgeDock"_s); }

    QStringList titlesShown() const
    {
        QStringList titles;
        const board::ArticleModel *model = knowledge()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            titles << model->index(row).data().toString();
        return titles;
    }

    /// The card titled @p title on the board (0: none).
    qint64 cardTitled(const QString &title) const
    {
        for (const storage::Card &card : storeAs()->cards().value()) {
            if (card.title == title)
                return card.id;
        }
        return 0;
    }

    qint64 articleTitled(const QString &title) const
    {
        for (const storage::Article &article : storeAs()->articles().value()) {
            if (article.title == title)
                return article.id;
        }
        return 0;
    }

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    void init()
    {
        m_window = openDemo(QSize(1280, 800));
        QVERIFY(m_window);
    }

    void cleanup() { m_window.reset(); }

    void shouldKeepTheModelSound()
    {
        board::ArticleModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        storage::Article a;
        a.id = 1;
        a.title = u"Printer offline"_s;
        a.labelIds = {7, 8};
        a.resolvedCards = 3;
        storage::Article b;
        b.id = 2;
        b.title = u"VPN"_s;
        b.deletedAt = 5;
        model.setArticles({a, b});
        QCOMPARE(resets.size(), 1);
        model.setLabelNames({{7, u"Hardware"_s}, {8, u"<img src=x>"_s}});
        QCOMPARE(model.index(0).data(board::ArticleModel::LabelsRole).toString(), u"Hardware, <img src=x>"_s);
        // (a label's name in a tooltip is text: Qt would read "<img ...>" in one as HTML)
        QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(u"&lt;img"_s));
        QVERIFY(!model.index(0).data(Qt::ToolTipRole).toString().contains(u"<img"_s));
        QCOMPARE(model.index(0).data(board::ArticleModel::SolvedRole).toInt(), 3);
        QCOMPARE(model.index(1).data().toString(), u"VPN (deleted)"_s);
        QCOMPARE(model.index(0).data(Qt::AccessibleDescriptionRole).toString(),
                 u"Labels: Hardware, <img src=x>\nSolved 3 ticket(s)"_s);
        // The same rows again (a colleague's edit): changed in place, no reset
        a.title = u"Printer offline again"_s;
        changes.clear();
        model.setArticles({a, b});
        QCOMPARE(resets.size(), 1);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(model.row(2), 1);
        model.setArticles({b});
        QCOMPARE(resets.size(), 2);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.articleAt(5), nullptr);
    }

    void shouldDraftAnArticleFromACard()
    {
        storage::Card card;
        card.title = u"Printer jams"_s;
        card.description = u"Tray 2 jams on every job."_s;
        card.labelIds = {4};
        storage::ChecklistItem first;
        first.text = u"Clear the tray"_s;
        storage::ChecklistItem second;
        second.text = u"Clean the rollers"_s;
        QList<storage::Comment> comments;
        for (const QString &body : {u"Old"_s, u"Ordered new paper"_s, u"Line one\nline two"_s, u"Works now"_s}) {
            storage::Comment comment;
            comment.body = body;
            comments << comment;
        }
        const storage::Article draft = board::articleFromCard(card, {first, second}, comments);
        QCOMPARE(draft.title, u"Printer jams"_s);
        QCOMPARE(draft.labelIds, QList<qint64>{4});
        QCOMPARE(draft.body, u"## Problem\n\nTray 2 jams on every job.\n\n## Steps\n\n1. Clear the tray\n2. Clean the "
                             "rollers\n\n## Notes\n\n> Ordered new paper\n\n> Line one\n> line two\n\n> Works now"_s);
        // A bare card gives a bare article
        storage::Card bare;
        bare.title = u"X"_s;
        QCOMPARE(board::articleFromCard(bare, {}, {}).body, QString());
    }

    void shouldSearchAsYouTypeAndReadByKeys()
    {
        // WHEN Ctrl+K is pressed on the board: THEN the knowledge base shows beside it, the keyboard in its search
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(dock()->isVisible());
        QVERIFY(!dock()->isFloating());
        QTRY_COMPARE(QApplication::focusWidget(), knowledge()->searchField());
        QVERIFY(knowledge()->model()->rowCount() >= 5); // the demo's articles, by title
        QCOMPARE(titlesShown().constFirst(), u"Account locked out or password forgotten"_s);

        // WHEN "printer" is typed: THEN only its article is listed, and read at once
        QTest::keyClicks(knowledge()->searchField(), u"printer"_s);
        QCOMPARE(titlesShown(), QStringList{u"Printer: paper jams and driver errors"_s});
        auto *title = knowledge()->findChild<QLabel *>(u"articleTitleShown"_s);
        QCOMPARE(title->text(), u"Printer: paper jams and driver errors"_s);
        auto *meta = knowledge()->findChild<QLabel *>(u"articleMeta"_s);
        QVERIFY2(meta->text().contains(u"Checklist: Printer troubleshooting"_s) && meta->text().contains(u"Hardware"_s)
                         && meta->text().contains(u"Helped solve 1 ticket(s)"_s),
                 qPrintable(meta->text()));
        // AND its text is formatted Markdown (a list), not the marks
        auto *body = knowledge()->findChild<board::MarkdownView *>(u"articleBodyShown"_s);
        QVERIFY(body->toPlainText().contains(u"Use 80 g/m² paper"_s));
        QVERIFY(!body->toPlainText().contains(u"- Use"_s));

        // WHEN the search is cleared and another typed: THEN the best match comes first
        knowledge()->searchField()->clear();
        QTest::keyClicks(knowledge()->searchField(), u"password"_s);
        QVERIFY(titlesShown().size() >= 2);
        QVERIFY2(titlesShown().constFirst().contains(u"password"_s, Qt::CaseInsensitive),
                 qPrintable(titlesShown().join(u" | "_s)));
        // AND nothing found says so
        knowledge()->searchField()->clear();
        QTest::keyClicks(knowledge()->searchField(), u"zzzqqq"_s);
        QCOMPARE(knowledge()->model()->rowCount(), 0);
        QVERIFY2(title->text().contains(u"No article matches"_s), qPrintable(title->text()));

        // WHEN Down goes to the list, and typing in the list goes back to the search
        knowledge()->searchField()->clear();
        QTest::keyClick(knowledge()->searchField(), Qt::Key_Down);
        QCOMPARE(QApplication::focusWidget(), knowledge()->list());
        QCOMPARE(knowledge()->list()->currentIndex().row(), 0);
        QTest::keyClick(knowledge()->list(), Qt::Key_Down);
        QCOMPARE(knowledge()->shownArticle(), knowledge()->model()->articleAt(1)->id);
        QTest::keyClick(knowledge()->list(), Qt::Key_V);
        QCOMPARE(QApplication::focusWidget(), knowledge()->searchField());
        QCOMPARE(knowledge()->searchField()->text(), u"v"_s);
        // AND Ctrl+K again hides it, even from a text field (which on X11 would take it as "delete to the end")
        QTest::keyClick(knowledge()->searchField(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(!dock()->isVisible());
        QCOMPARE(knowledge()->searchField()->text(), u"v"_s);
    }

    void shouldDeleteByKeyAndUndo()
    {
        // GIVEN an article of ben's, shown
        QVERIFY(cliAs(u"ben"_s, {u"kb"_s, u"add"_s, u"--title"_s, u"Scanner to e-mail fails"_s}));
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(dock()->isVisible());
        QTest::keyClicks(knowledge()->searchField(), u"scanner"_s);
        QTRY_COMPARE(titlesShown(), QStringList{u"Scanner to e-mail fails"_s});
        const qint64 id = knowledge()->shownArticle();
        QVERIFY(id);
        // WHEN Delete is pressed in the list: THEN it is gone from the list and the file
        QTest::keyClick(knowledge()->searchField(), Qt::Key_Return);
        QCOMPARE(QApplication::focusWidget(), knowledge()->list());
        QTest::keyClick(knowledge()->list(), Qt::Key_Delete);
        QVERIFY(saved(*m_window));
        QTRY_COMPARE(knowledge()->model()->rowCount(), 0);
        QVERIFY(storeAs()->article(id).value().deletedAt != 0);
        // WHEN Ctrl+Z: THEN it is back
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*m_window));
        QTRY_COMPARE(titlesShown(), QStringList{u"Scanner to e-mail fails"_s});
        QCOMPARE(storeAs()->article(id).value().deletedAt, 0);
    }

    void shouldShowAnArticlesFilesAndRemoveOneWithUndo()
    {
        // GIVEN the VPN article shown, and a set-up guide attached to it (as Attach File… does)
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(dock()->isVisible());
        QTest::keyClicks(knowledge()->searchField(), u"vpn from home"_s);
        const qint64 article = articleTitled(u"VPN does not connect from home"_s);
        QTRY_COMPARE(knowledge()->shownArticle(), article);
        QTemporaryDir files;
        const QString guide = files.filePath(u"vpn-guide.pdf"_s);
        QVERIFY(tests::writeFile(guide, QByteArray(200'000, 'v')));
        QCOMPARE(m_window->actions()->addArticleAttachments(article, {guide, files.filePath(u"missing.pdf"_s)}), 1);
        QVERIFY(saved(*m_window));
        // THEN it is listed under the article, and in the file
        auto *list = knowledge()->findChild<QListView *>(u"articleAttachments"_s);
        QTRY_COMPARE(list->model()->rowCount(), 1);
        QVERIFY(list->isVisible());
        QCOMPARE(list->model()->index(0, 0).data().toString(), u"vpn-guide.pdf"_s);
        QCOMPARE(storeAs()->articleAttachments(article).value().size(), 1);
        // WHEN Remove is clicked: THEN it is gone; Ctrl+Z brings it back
        auto *remove = knowledge()->findChild<QPushButton *>(u"removeArticleAttachment"_s);
        QVERIFY(remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(saved(*m_window));
        QTRY_COMPARE(list->model()->rowCount(), 0);
        QCOMPARE(storeAs()->articleAttachments(article).value().size(), 0);
        // (Edit > Undo; undo by keys is shouldDeleteByKeyAndUndo's)
        QCOMPARE(m_window->actions()->undoStack().undoText(), u"Remove Attachment"_s);
        m_window->actions()->undoStack().undo();
        QVERIFY(saved(*m_window));
        QTRY_COMPARE(list->model()->rowCount(), 1);
        QCOMPARE(storeAs()->articleAttachments(article).value().size(), 1);
    }

    void shouldSuggestLinkAndApplyFromTheCard()
    {
        // GIVEN the demo's open Outlook ticket, opened in the editor
        const qint64 card = cardTitled(u"Outlook keeps asking for password"_s);
        QVERIFY(card);
        m_window->findChild<board::BoardView *>(u"boardView"_s)->focusCardById(card);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        auto *editor = m_window->findChild<board::CardEditor *>();
        QTRY_VERIFY(editor && editor->isVisible() && editor->cardId() == card);
        board::ArticlesPane *pane = editor->articlesPane();
        // THEN the article that solves it is suggested first
        QTRY_VERIFY(pane->suggestedModel()->rowCount() > 0);
        QCOMPARE(pane->suggestedModel()->index(0).data().toString(), u"Outlook keeps asking for the password"_s);
        QCOMPARE(pane->linkedModel()->rowCount(), 0);

        // WHEN the technician selects it and clicks "Solved with This"
        auto *suggested = pane->findChild<QListView *>(u"suggestedArticles"_s);
        QTest::mouseClick(suggested->viewport(), Qt::LeftButton, {},
                          suggested->visualRect(suggested->model()->index(0, 0)).center());
        auto *link = pane->findChild<QPushButton *>(u"linkArticle"_s);
        QCOMPARE(link->text(), u"Solved with This"_s);
        QTest::mouseClick(link, Qt::LeftButton);
        QVERIFY(saved(*m_window));
        // THEN the card names it (and its history), and it is no longer suggested
        const qint64 article = articleTitled(u"Outlook keeps asking for the password"_s);
        QTRY_COMPARE(pane->linkedModel()->rowCount(), 1);
        QCOMPARE(pane->linkedModel()->articleAt(0)->id, article);
        QCOMPARE(storeAs()->cardArticles(card).value().size(), 1);
        QVERIFY(pane->suggestedModel()->row(article) < 0);

        // WHEN undone: THEN the link is gone again, in the file too
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*m_window));
        QTRY_COMPARE(pane->linkedModel()->rowCount(), 0);
        QCOMPARE(storeAs()->cardArticles(card).value().size(), 0);
    }

    void shouldLeaveAColleaguesLinkOnUndo()
    {
        // GIVEN a ticket a colleague has just linked to an article, from his desktop
        const qint64 card = cardTitled(u"MFA: new phone, cannot approve sign-ins"_s);
        const qint64 article = articleTitled(u"New phone: moving MFA (Authenticator)"_s);
        QVERIFY(card && article);
        QVERIFY(cliAs(u"ben"_s, {u"kb"_s, u"link"_s, QString::number(card), QString::number(article)}));
        // WHEN this window links it too (it had not seen his yet), and undoes that
        QVERIFY(m_window->actions()->linkArticle(card, article));
        QVERIFY(saved(*m_window));
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*m_window));
        // THEN his link stays: the step changed nothing, so its undo takes nothing away
        const QList<storage::ArticleLink> links = storeAs()->cardArticles(card).value();
        QCOMPARE(links.size(), 1);
        QCOMPARE(links.constFirst().linkedBy, u"ben"_s);
    }

    void shouldApplyAnArticlesChecklistInOneStep()
    {
        // GIVEN the printer ticket open, its article suggested (it has the printer checklist)
        const qint64 card = cardTitled(u"3rd floor printer: paper jams and driver error"_s);
        QVERIFY(card);
        const int before = int(storeAs()->checklist(card).value().size());
        m_window->findChild<board::BoardView *>(u"boardView"_s)->focusCardById(card);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        auto *editor = m_window->findChild<board::CardEditor *>();
        QTRY_VERIFY(editor && editor->cardId() == card);
        board::ArticlesPane *pane = editor->articlesPane();
        QTRY_VERIFY(pane->suggestedModel()->rowCount() > 0);
        QCOMPARE(pane->suggestedModel()->index(0).data().toString(), u"Printer: paper jams and driver errors"_s);
        // WHEN it is selected by keys and "Apply checklist" pressed
        auto *suggested = pane->findChild<QListView *>(u"suggestedArticles"_s);
        suggested->setFocus();
        QTRY_VERIFY(suggested->currentIndex().isValid());
        auto *apply = pane->findChild<QPushButton *>(u"applyArticleChecklist"_s);
        QVERIFY(apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);
        QVERIFY(saved(*m_window));
        // THEN the ticket has the template's five items more
        QCOMPARE(int(storeAs()->checklist(card).value().size()), before + 5);
    }

    void shouldWriteAnArticleFromACard()
    {
        // GIVEN a resolved demo ticket open in the editor
        const qint64 card = cardTitled(u"Printer toner empty - 3rd floor"_s);
        QVERIFY(card);
        m_window->findChild<board::BoardView *>(u"boardView"_s)->focusCardById(card);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        auto *editor = m_window->findChild<board::CardEditor *>();
        QTRY_VERIFY(editor && editor->cardId() == card);
        // WHEN "Write an Article from This Card" is clicked: THEN the editor opens pre-filled; saved with Enter
        QString shownTitle;
        QString shownBody;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<board::ArticleDialog *>(QApplication::activeModalWidget());
            if (!dialog) { // (closed, so that the test fails below rather than waits for ever)
                if (QWidget *other = QApplication::activeModalWidget())
                    other->close();
                return;
            }
            shownTitle = dialog->findChild<QLineEdit *>(u"articleTitle"_s)->text();
            shownBody = dialog->article().body;
            QTest::keyClick(dialog->findChild<QLineEdit *>(u"articleTitle"_s), Qt::Key_Return);
        });
        QTest::mouseClick(editor->articlesPane()->findChild<QPushButton *>(u"writeArticle"_s), Qt::LeftButton);
        QCOMPARE(shownTitle, u"Printer toner empty - 3rd floor"_s);
        QVERIFY2(shownBody.contains(u"## Problem"_s), qPrintable(shownBody));
        QVERIFY(saved(*m_window));
        // THEN it is in the knowledge base, shown
        const qint64 made = articleTitled(u"Printer toner empty - 3rd floor"_s);
        QVERIFY(made);
        QTRY_COMPARE(knowledge()->shownArticle(), made);
        QVERIFY(dock()->isVisible());
    }

    void shouldShowAColleaguesArticle()
    {
        // GIVEN the knowledge base open
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(dock()->isVisible());
        const int before = knowledge()->model()->rowCount();
        // WHEN ben adds an article from his desktop (another process)
        QVERIFY(cliAs(u"ben"_s, {u"kb"_s, u"add"_s, u"--title"_s, u"Teams camera not detected"_s}));
        // THEN it shows here without a reload
        QTRY_COMPARE_WITH_TIMEOUT(knowledge()->model()->rowCount(), before + 1, 10000);
        QVERIFY(titlesShown().contains(u"Teams camera not detected"_s));
    }

    void shouldReadOnADarkPalette()
    {
        // GIVEN a dark desktop palette, the knowledge base open on the printer article, and the printer ticket open
        const QPalette before = QApplication::palette();
        const auto restore = qScopeGuard([&] { QApplication::setPalette(before); });
        QApplication::setPalette(tests::darkPalette());
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(dock()->isVisible());
        QTest::keyClicks(knowledge()->searchField(), u"printer"_s);
        const qint64 card = cardTitled(u"3rd floor printer: paper jams and driver error"_s);
        m_window->findChild<board::BoardView *>(u"boardView"_s)->focusCardById(card);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        auto *editor = m_window->findChild<board::CardEditor *>();
        QTRY_VERIFY(editor && editor->cardId() == card);
        auto *scroll = editor->findChild<QScrollArea *>();
        scroll->ensureWidgetVisible(editor->articlesPane());
        // THEN the article's text and the suggestions are in the palette's light text on its dark base
        auto *body = knowledge()->findChild<board::MarkdownView *>(u"articleBodyShown"_s);
        QTRY_COMPARE(body->palette().color(QPalette::Text), tests::darkPalette().color(QPalette::Text));
        QTRY_COMPARE(body->palette().color(QPalette::Base), tests::darkPalette().color(QPalette::Base));
        auto *suggested = editor->articlesPane()->findChild<QListView *>(u"suggestedArticles"_s);
        QTRY_COMPARE(suggested->palette().color(QPalette::Text), tests::darkPalette().color(QPalette::Text));
        // (looked at: the knowledge base and the card's suggestions as they read on a dark desktop)
        QVERIFY(m_window->grab().save(QDir::current().filePath(u"knowledge-dark.png"_s)));
    }

    void shouldOnlyReadAsAViewer()
    {
        auto store = storage::BoardStore::open(m_board, tests::optionsFor(u"margaret"_s));
        QVERIFY(store);
        m_window = std::make_unique<app::MainWindow>(std::move(store).value());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(dock()->isVisible());
        QVERIFY(knowledge()->model()->rowCount() > 0);
        QVERIFY(!knowledge()->findChild<QPushButton *>(u"newArticle"_s)->isVisible());
        QVERIFY(!knowledge()->findChild<QPushButton *>(u"editArticle"_s)->isVisible());
        QVERIFY(!knowledge()->findChild<QPushButton *>(u"deleteArticle"_s)->isVisible());
    }
};

QTEST_MAIN(tst_Knowledge)
#include "tst_knowledge.moc"
