window.MapviewerBasemapDetail.add('f/84_23',JSON.parse('{"land":[[[2905,9435,-8,10,-1,3,14,-1,-5,-12]]],"places":{"xy":[2899,9471],"cls":"5","names":"Ngatik"},"x0":156.0,"y0":2.0,"q":0.0004}'));
