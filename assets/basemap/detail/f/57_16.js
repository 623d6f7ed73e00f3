window.MapviewerBasemapDetail.add('f/57_16',JSON.parse('{"land":[[[0,9415,0,585,270,0,-270,-585]]],"places":{"xy":[26,9628],"cls":"2","names":"Manakara"},"x0":48.0,"y0":-26.0,"q":0.0004}'));
