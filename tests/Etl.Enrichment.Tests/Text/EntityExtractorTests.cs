using Etl.Enrichment.Text;

namespace Etl.Enrichment.Tests.Text;

/// <summary>Cases follow the behaviour twitter-text documents in its conformance suite.</summary>
public class EntityExtractorTests
{
    private static string[] Values(string text, EntityKind kind) =>
        EntityExtractor.Extract(text).Where(e => e.Kind == kind).Select(e => e.Value).ToArray();

    [Theory]
    [InlineData("a #hashtag here", new[] { "hashtag" })]
    [InlineData("#1hashtag is this", new[] { "1hashtag" })]
    [InlineData("On the #16 bus", new string[0])]
    [InlineData("#0", new string[0])]
    [InlineData("(#hashtag1 )#hashtag2 [#hashtag3 ]#hashtag4", new[] { "hashtag1", "hashtag2", "hashtag3", "hashtag4" })]
    [InlineData("I'll write more tests #mañana", new[] { "mañana" })]
    [InlineData("What is #트위터 anyway?", new[] { "트위터" })]
    [InlineData("What is #ашок anyway?", new[] { "ашок" })]
    [InlineData("日本語ハッシュテスト。#日本語ハッシュタグ。", new[] { "日本語ハッシュタグ" })]
    [InlineData("日本語ハッシュタグ#日本語ハッシュタグ", new string[0])]
    [InlineData("全角 ＃ｈａｓｈｔａｇ１２３", new[] { "ｈａｓｈｔａｇ１２３" })]
    [InlineData("#hashtag: #hashtag; #hashtag, #hashtag. #hashtag! #hashtag?", new[] { "hashtag", "hashtag", "hashtag", "hashtag", "hashtag", "hashtag" })]
    [InlineData("#http://twitter.com #https://twitter.com", new string[0])]
    [InlineData("http://twitter.com/#hashtag twitter.com/#hashtag", new string[0])]
    [InlineData("#برنامه_نویسی  #رییس_جمهور", new[] { "برنامه_نویسی", "رییس_جمهور" })]
    [InlineData("#עַל־יְדֵי #וכו׳ #מ״כ", new[] { "עַל־יְדֵי", "וכו׳", "מ״כ" })]
    [InlineData("#ผู้เริ่ม #การเมือง", new[] { "ผู้เริ่ม", "การเมือง" })]
    [InlineData("#महात्मा #महात्मा_१२३४ #१२३४ गांधी", new[] { "महात्मा", "महात्मा_१२३४" })]
    [InlineData("#ශ්‍රීලංකා", new[] { "ශ්‍රීලංකා" })]
    [InlineData("#tag#other and &#39; entity", new string[0])]
    [InlineData("keycap #️⃣ is not a tag", new string[0])]
    public void Hashtags_FollowTwitterTextRules(string text, string[] expected) =>
        Assert.Equal(expected, Values(text, EntityKind.Hashtag));

    [Theory]
    [InlineData("mention @username in the middle", new[] { "username" })]
    [InlineData("mention @12345", new[] { "12345" })]
    [InlineData("の@usernameに到着を待っている", new[] { "username" })]
    [InlineData("Current Status: @_@ (cc: @username)", new[] { "username" })]
    [InlineData("@aliceìnheiro something something", new string[0])]
    [InlineData("@username email me @test@example.com", new[] { "username" })]
    [InlineData("@http://twitter.com", new string[0])]
    [InlineData("RT@username RT:@mention RT @test", new[] { "username", "mention", "test" })]
    [InlineData("f!@kn f@@kn f#@kn f$@kn f%@kn f&@kn f*@kn", new string[0])]
    [InlineData("email john@example.com", new string[0])]
    public void Mentions_FollowTwitterTextRules(string text, string[] expected) =>
        Assert.Equal(expected, Values(text, EntityKind.Mention));

    [Fact]
    public void ListMentions_CarryTheSlug_AndIndicesCoverIt()
    {
        var entities = EntityExtractor.Extract("Hey @username, check out out @otheruser/list_name-01!");

        Assert.Equal(
            [new TextEntity(EntityKind.Mention, "username", 4, 13), new TextEntity(EntityKind.Mention, "otheruser", 29, 52, "list_name-01")],
            entities);
    }

    [Fact]
    public void ListSlugStartingWithADigit_IsNotAList()
    {
        var mention = Assert.Single(EntityExtractor.Extract("@username/7list-name is a great list!"));

        Assert.Equal(new TextEntity(EntityKind.Mention, "username", 0, 9), mention);
    }

    [Theory]
    [InlineData("text http://google.com", new[] { "http://google.com" })]
    [InlineData("text http://foobar.com/#", new[] { "http://foobar.com/#" })]
    [InlineData("text http://somehost.com:3000", new[] { "http://somehost.com:3000" })]
    [InlineData("text http://en.wikipedia.org/wiki/Primer_(film)", new[] { "http://en.wikipedia.org/wiki/Primer_(film)" })]
    [InlineData("(see http://en.wikipedia.org/wiki/Primer)", new[] { "http://en.wikipedia.org/wiki/Primer" })]
    [InlineData("text http://✪df.ws/ejp", new[] { "http://✪df.ws/ejp" })]
    [InlineData("text http://domain-dash_2314352345_dfasd.foo-cow_4352.com", new string[0])]
    [InlineData("text http://no-tld http://tld-too-short.x", new string[0])]
    [InlineData("text http://domain.com-that-you-should-have-put-a-space-after", new string[0])]
    [InlineData("text http://foo.com?#foo text", new[] { "http://foo.com?#foo" })]
    [InlineData("foo.com foo.net foo.org foo.edu foo.gov", new[] { "foo.com", "foo.net", "foo.org", "foo.edu", "foo.gov" })]
    [InlineData("foo.baz foo.co.jp www.xxxxxxx.baz www.foo.co.uk wwwww.xxxxxxx foo.comm foo.somecom foo.govedu foo.jp", new[] { "foo.co.jp", "www.foo.co.uk", "foo.jp" })]
    [InlineData("t.co/abcde bit.ly/abcde", new[] { "t.co/abcde", "bit.ly/abcde" })]
    [InlineData("twitter.jp日本語it.so中国語foo.jp it.so foo.jp", new[] { "twitter.jp", "it.so", "foo.jp", "it.so", "foo.jp" })]
    [InlineData("MLB.tv vine.co twitch.tv t.co", new[] { "MLB.tv", "vine.co", "twitch.tv", "t.co" })]
    [InlineData("@user Try http:// example.com/path", new[] { "example.com/path" })]
    [InlineData("これは日本語です。example.com/path/index.html中国語example.com/path한국", new[] { "example.com/path/index.html", "example.com/path" })]
    [InlineData("Go to http://twitter.com/Русские_слова", new[] { "http://twitter.com/Русские_слова" })]
    [InlineData("test http://-leadingdash.twitter.com http://trailingdash-.twitter.com http://twitter_underscore.com", new string[0])]
    [InlineData("test ELPAÍS.com", new[] { "ELPAÍS.com" })]
    [InlineData("test http://twitter.com/.", new[] { "http://twitter.com/" })]
    [InlineData("Test a ton of periods http://example.com/path..........................................", new[] { "http://example.com/path" })]
    [InlineData("Test http://example.com/path/!!!!!!!!!!!!!!!", new[] { "http://example.com/path/" })]
    [InlineData("#test.com @test.com #http://test.com @http://test.com #t.co/abcde @t.co/abcde", new string[0])]
    [InlineData("I really like http://t.co/pbY2NfTZ's website", new[] { "http://t.co/pbY2NfTZ" })]
    [InlineData("Check this site out http://t.co/FNkPfmii- it's great", new[] { "http://t.co/FNkPfmii" })]
    [InlineData("$http://twitter.com $twitter.com $t.co/abcde $TVI.CA", new string[0])]
    [InlineData("long.test.tar.bz2 test.tar.bz2 tar.bz2", new string[0])]
    [InlineData("john.doe.gov@mail.com john.doe.jp@mail.com", new string[0])]
    [InlineData("test http://foobar.みんな/ http://foobar.中国/", new[] { "http://foobar.みんな/", "http://foobar.中国/" })]
    [InlineData("Go to http://example.com/a+ or http://example.com/a-", new[] { "http://example.com/a+", "http://example.com/a-" })]
    public void Urls_FollowTwitterTextRules(string text, string[] expected) =>
        Assert.Equal(expected, Values(text, EntityKind.Url));

    [Fact]
    public void UrlIndices_CountCodePoints()
    {
        var url = Assert.Single(EntityExtractor.Extract("😀😀 皆さん http://google.com"), e => e.Kind == EntityKind.Url);

        Assert.Equal((7, 24), (url.Start, url.End));
    }

    [Fact]
    public void HashtagIndices_AfterAstralCharacters_AreCodePoints()
    {
        var tag = Assert.Single(EntityExtractor.Extract("𝕏 #tag"), e => e.Kind == EntityKind.Hashtag);

        Assert.Equal((2, 6), (tag.Start, tag.End));
    }

    [Theory]
    [InlineData("buy $TWTR and $BRK.A now", new[] { "TWTR", "BRK.A" })]
    [InlineData("$aapl, $goog!", new[] { "aapl", "goog" })]
    [InlineData("it costs $1.00 or $AAAAAAA or a$b", new string[0])]
    public void Cashtags_AreShortLetterSymbols(string text, string[] expected) =>
        Assert.Equal(expected, Values(text, EntityKind.Cashtag));

    [Theory]
    [InlineData("love it 😍😍", new[] { "😍", "😍" })]
    [InlineData("family 👩‍👩‍👧 flag 🇫🇷 thumbs 👍🏽", new[] { "👩‍👩‍👧", "🇫🇷", "👍🏽" })]
    [InlineData("heart ❤️ keycap 1️⃣", new[] { "❤️", "1️⃣" })]
    [InlineData("© 2020 and ™ as text, 12 apples", new string[0])]
    public void Emoji_AreWholeSequences(string text, string[] expected) =>
        Assert.Equal(expected, Values(text, EntityKind.Emoji));

    [Fact]
    public void Entities_ComeInTextOrder()
    {
        var kinds = EntityExtractor.Extract("@jack loves #nba 🏀 see https://nba.com $NKE").Select(e => e.Kind);

        Assert.Equal([EntityKind.Mention, EntityKind.Hashtag, EntityKind.Emoji, EntityKind.Url, EntityKind.Cashtag], kinds);
    }
}
