window.MapviewerBasemapDetail.add('f/81_24',JSON.parse('{"places":{"xy":[1133,3136,7565,3451],"cls":"55","names":"Ifalik Village|Satawal Village"},"x0":144.0,"y0":6.0,"q":0.0004}'));
