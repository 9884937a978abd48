namespace Etl.Worker.Generation;

/// <summary>
/// Events told in many wordings with no hashtag: ground truth for trend detection on meaning. Each clause says the
/// event in its own words, so no single word (beyond function words) is in most of a story's tweets — a detector that
/// counts shared words or hashtags cannot see these trends; one that compares meanings can.
/// </summary>
internal static class ParaphraseLexicon
{
    public sealed record Story(string[] Clauses, string[] Tails);

    public static readonly IReadOnlyDictionary<string, Story> Stories = new Dictionary<string, Story>(StringComparer.OrdinalIgnoreCase)
    {
        ["power-outage"] = new(
            [
                "the lights just went out across the whole neighbourhood", "blackout on our street, nothing works", "we lost electricity an hour ago",
                "no power at home and the fridge is silent", "the grid is down, candles everywhere", "every house on the block went dark",
                "still waiting for the electric company to restore service", "whole district without current since lunch",
                "my laptop is dying because there's no electricity", "traffic signals are off because of the outage",
                "the power cut took out the wifi too", "entire town plunged into darkness",
            ],
            ["no idea when it comes back", "again!", "third time this month", "anyone know what happened?", "stay safe", "phones at 10%"]),
        ["earthquake"] = new(
            [
                "the building was shaking a minute ago", "felt a strong tremor just now", "the ground rolled under my feet",
                "a quake rattled the windows in our flat", "books fell off the shelves when the floor started moving",
                "seismic jolt woke up the whole city", "everything swayed for about twenty seconds", "dishes crashing in the kitchen from the shock",
                "did anyone else feel that rumble?", "magnitude six they are saying, scary", "the walls cracked during the shaking",
                "aftershocks keep coming every few minutes",
            ],
            ["everyone ran outside", "hope nobody is hurt", "my heart is racing", "still trembling", "stay away from buildings", "unreal"]),
        ["airport-chaos"] = new(
            [
                "thousands stranded at the terminal tonight", "every departure on the board says cancelled", "queues at check-in stretch outside the building",
                "our plane never left the gate", "baggage system collapsed, suitcases everywhere", "sleeping on the floor by gate 12",
                "air traffic control failure grounded everything", "no flights leaving the hub since this morning", "passengers stuck for hours without information",
                "the airline rebooked me for next week", "security lines are hours long", "jets parked on the tarmac going nowhere",
            ],
            ["worst trip ever", "nobody tells us anything", "so much for the holiday", "send snacks", "complete mess", "unbelievable"]),
        ["data-breach"] = new(
            [
                "my bank says hackers stole customer records", "got an email that my password was leaked", "millions of accounts exposed online",
                "attackers got into the company's servers", "our personal details are for sale on a forum", "credit card numbers were compromised",
                "the retailer admitted a cyberattack", "change your login now, the database was dumped", "identity theft warning after the intrusion",
                "security researchers found the stolen files", "ransomware crew published the customer list", "two-factor everything, they took emails and addresses",
            ],
            ["great, just great", "check your accounts", "why do they keep losing our data", "unacceptable", "lawsuit incoming", "be careful out there"]),
        ["stadium-upset"] = new(
            [
                "the underdogs just beat the champions", "nobody expected the minnows to win that", "biggest shock of the season at the ground",
                "the favourites crashed out against a tiny club", "a team from the third tier knocked out the giants", "fans stormed the pitch after the final whistle",
                "the league leaders lost to the bottom side", "what a giant-killing in the cup tonight", "the bookies had them at fifty to one and they won",
                "the goalkeeper saved three penalties to seal it", "title holders humiliated by amateurs", "commentators speechless after that result",
            ],
            ["history made", "I'm crying", "scenes!", "never seen anything like it", "what a night", "pure madness"]),
        ["wildfire-smoke"] = new(
            [
                "the sky turned orange from the fires up north", "ash is falling on the cars outside", "air quality is hazardous, stay indoors",
                "can smell smoke everywhere in the city", "the hills are burning and the wind is pushing it our way", "evacuation orders for the canyon homes",
                "firefighters battling the blaze overnight", "my eyes sting from the haze", "flames jumped the highway this afternoon",
                "the sun is a red dot behind the smog", "schools closed because of the smoke", "thousands of acres burned since yesterday",
            ],
            ["masks on", "praying for the crews", "terrifying", "keep your pets inside", "can barely breathe", "stay safe everyone"]),
        ["water-main"] = new(
            [
                "a pipe burst and the avenue is a river", "water gushing out of the road downtown", "our taps ran dry this morning",
                "boil notice issued for the whole district", "the street flooded after the main broke", "crews digging up the junction to fix the leak",
                "basements filling up after the rupture", "no running water in the building today", "a geyser shot up through the asphalt",
                "the utility says repairs will take all night", "cars stuck in knee-deep water near the station", "shops closed because the pavement is underwater",
            ],
            ["bottled water sold out", "what a mess", "can't even shower", "again this year", "send help", "city needs new pipes"]),
        ["train-strike"] = new(
            [
                "rail workers walked out this morning", "no trains running anywhere in the region", "the commuter lines are shut by the industrial action",
                "stations empty because the drivers are on strike", "the union called a stoppage over pay", "had to cycle to work, the metro is closed",
                "bus queues are enormous with the railway out", "picket lines at every depot", "services suspended until the dispute is settled",
                "the operator cancelled every departure today", "working from home since the network is down", "talks between the union and management collapsed",
            ],
            ["solidarity", "annoying but fair", "how do I get home?", "third walkout this year", "roads are gridlocked", "pay them properly"]),
        ["product-recall"] = new(
            [
                "the company is pulling its new phone off the shelves", "batteries catching fire, they're asking for them back", "the carmaker is calling back two million vehicles",
                "stop using the charger, it can overheat", "the manufacturer admitted a dangerous defect", "stores told to remove the device immediately",
                "my model is on the list of faulty units", "refunds offered after the safety warning", "the regulator ordered the toy withdrawn",
                "brakes can fail so owners should return them", "the baby formula was contaminated and is being withdrawn", "the firm apologised for the hazardous flaw",
            ],
            ["glad I didn't buy one", "returning mine today", "scary stuff", "how did this pass testing?", "check your serial number", "what a disaster for them"]),
        ["bridge-collapse"] = new(
            [
                "part of the bridge fell into the river", "the overpass gave way during rush hour", "cars plunged when the span broke",
                "rescue divers searching the water under the crossing", "the old viaduct crumbled this morning", "the road over the bay is gone",
                "emergency crews at the collapsed structure", "a section of the flyover caved in", "the crossing has been shut after it split in two",
                "witnesses heard a huge crack before it dropped", "engineers warned about that bridge for years", "traffic diverted after the deck came down",
            ],
            ["horrifying", "thoughts with the families", "I drive over it every day", "infrastructure is crumbling", "so many sirens", "unbelievable footage"]),
    };

    public static readonly string[] Openers = ["", "", "", "Wow, ", "Ugh, ", "Breaking: ", "Omg ", "Just now: ", "Update: ", "Honestly, "];
}
