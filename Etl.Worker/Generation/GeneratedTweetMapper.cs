using System.Globalization;
using Etl.Enrichment.Input;

namespace Etl.Worker.Generation;

/// <summary>A generated tweet as the source-neutral input the rest of the pipeline takes.</summary>
public static class GeneratedTweetMapper
{
    public static SourceTweet ToSource(GeneratedTweet tweet)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        var u = tweet.User;
        return new SourceTweet
        {
            Id = tweet.Id.ToString(CultureInfo.InvariantCulture),
            CreatedAt = tweet.CreatedAt,
            Text = tweet.Text,
            Lang = tweet.Lang,
            Source = tweet.Source,
            User = new SourceUser
            {
                Id = u.Id.ToString(CultureInfo.InvariantCulture),
                ScreenName = u.ScreenName,
                Name = u.Name,
                Location = u.Location,
                Description = u.Description,
                FollowersCount = u.Followers,
                FriendsCount = u.Friends,
                Verified = u.Verified,
                CreatedAt = u.CreatedAt,
            },
            Coordinates = tweet.Coordinates is { } c ? new GeoCoordinate(c.Lat, c.Lon) : null,
            Place = tweet.Place is { } p ? new SourcePlace
            {
                Id = p.Id,
                Name = p.Name,
                FullName = p.FullName,
                PlaceType = p.PlaceType,
                CountryCode = p.CountryCode,
                Country = p.Country,
                BoundingBox = new BoundingBox(p.MinLon, p.MinLat, p.MaxLon, p.MaxLat),
            }
            : null,
            Entities = new SourceEntities
            {
                Hashtags = tweet.Hashtags,
                Mentions = tweet.Mentions,
                Cashtags = tweet.Cashtags,
                Urls = tweet.Urls.Select(x => new SourceUrl(x.Url, x.ExpandedUrl)).ToList(),
            },
            RetweetCount = tweet.RetweetCount,
            ReplyCount = tweet.ReplyCount,
            LikeCount = tweet.LikeCount,
            QuoteCount = tweet.QuoteCount,
            InReplyToStatusId = tweet.InReplyToStatusId?.ToString(CultureInfo.InvariantCulture),
            PossiblySensitive = tweet.PossiblySensitive,
        };
    }
}
